/**
 * Names of groups created by `twiddler.addGroup`, held to the rule the config file applies to
 * `[group:x]` and `[program:x]` names: surrounding whitespace is dropped, and a name may hold no
 * space, `:` or `/` (they would break `group:process` names, event payloads and web URLs).
 */
import { pythonRepr } from '@supervisor-ts/protocol';

const FORBIDDEN_CHARACTERS = [' ', ':', '/'];

/** The usable name, or the reason it cannot be used (in the config parser's words). */
export function checkGroupName(name: string): { name: string } | { error: string } {
  const stripped = name.trim();
  for (const character of FORBIDDEN_CHARACTERS) {
    if (stripped.includes(character)) {
      return { error: `Invalid name: ${pythonRepr(name)} because of character: ${pythonRepr(character)}` };
    }
  }
  if (stripped.length === 0) return { error: `Invalid name: ${pythonRepr(name)}: a group name cannot be empty` };
  return { name: stripped };
}

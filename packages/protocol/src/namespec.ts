/**
 * Process names on the wire ("namespecs"): `group:process`, or the short `name` when the group and
 * the process share a name.
 */

export interface ParsedNamespec {
  group: string;
  /** null for the whole-group forms `group:*` and `group:`. */
  process: string | null;
}

/** Splits at the first `:`. No colon: group and process are both the name. */
export function splitNamespec(namespec: string): ParsedNamespec {
  const colon = namespec.indexOf(':');
  if (colon === -1) return { group: namespec, process: namespec };
  const group = namespec.slice(0, colon);
  const process = namespec.slice(colon + 1);
  return { group, process: process === '' || process === '*' ? null : process };
}

/** The name clients see: `process` when it equals `group`, else `group:process`. */
export function makeNamespec(group: string, process: string): string {
  return group === process ? process : `${group}:${process}`;
}

import type { Controller } from './controller';
import { completableCommandNames } from './commands';

/** Readline's word delimiters without `:`, `*` and `-`, so `group:name`, `group:*` and `a-b` stay one word. */
const DELIMITERS = new Set(' \t\n`~!@#$%^&()=+[{]}\\|;\'",<>/?');

/** The word being completed: the text after the last delimiter. */
export function currentWord(line: string): string {
  let start = line.length;
  while (start > 0 && !DELIMITERS.has(line[start - 1])) start -= 1;
  return line.slice(start);
}

const PROCESS_COMMANDS = new Set(['clear', 'fg', 'pid', 'restart', 'signal', 'start', 'status', 'stop', 'tail']);
const GROUP_COMMANDS = new Set(['add', 'remove', 'update']);

/** Completions (each followed by a space) for the word at the end of `line`, and that word. */
export async function complete(ctl: Controller, line: string): Promise<[string[], string]> {
  const text = currentWord(line);
  const actions = (): string[] =>
    completableCommandNames(ctl.commandTable)
      .filter((name) => name.startsWith(text))
      .map((name) => `${name} `);
  let matches: string[] = [];
  const words = line.split(/\s+/).filter((word) => word !== '');
  if (line.trim() === '') {
    matches = actions();
  } else if (words.length === 1 && !/\s$/.test(line)) {
    matches = actions();
  } else if ('help'.includes(words[0])) {
    // Upstream tests membership in the string 'help', so any part of it (`h`, `el`) counts.
    matches = actions();
  } else if (GROUP_COMMANDS.has(words[0])) {
    const groups: string[] = [];
    for (const info of await ctl.completionInfo()) if (!groups.includes(info.group)) groups.push(info.group);
    matches = groups.filter((group) => group.startsWith(text)).map((group) => `${group} `);
  } else if (PROCESS_COMMANDS.has(words[0])) {
    const names: string[] = [];
    for (const info of await ctl.completionInfo()) {
      if (text.includes(':') || info.name !== info.group) {
        names.push(`${info.group}:${info.name}`);
        if (!names.includes(`${info.group}:*`)) names.push(`${info.group}:*`);
      } else {
        names.push(info.name);
      }
    }
    matches = names.filter((name) => name.startsWith(text)).map((name) => `${name} `);
  }
  // Readline shows the candidates sorted.
  return [[...matches].sort(), text];
}

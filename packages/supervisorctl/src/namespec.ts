/** `name` when the process has its group's name, else `group:name`. */
export function makeNamespec(group: string, name: string | null): string {
  if (name === group) return name;
  return `${group}:${name === null ? 'None' : name}`;
}

/**
 * Splits what a user typed into group and process parts: `name` is process `name` in group `name`;
 * `group:*` and `group:` mean the whole group (process part null).
 */
export function splitNamespec(namespec: string): { group: string; process: string | null } {
  const colon = namespec.indexOf(':');
  if (colon < 0) return { group: namespec, process: namespec };
  const group = namespec.slice(0, colon);
  const process = namespec.slice(colon + 1);
  return { group, process: process === '*' || process === '' ? null : process };
}

/** Splits on runs of whitespace, dropping empty words (like Python's `str.split()`). */
export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

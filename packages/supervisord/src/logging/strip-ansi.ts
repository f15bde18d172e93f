const ESCAPE_BEGIN = Buffer.from('\x1b[', 'latin1');
/** The final bytes that end an escape sequence: H f A B C D R s u J K h l p m. */
const TERMINATORS = new Set(Array.from(Buffer.from('HfABCDRsuJKhlpm', 'latin1')));

/**
 * Removes ANSI CSI sequences from one chunk of output as supervisord's strip_ansi does:
 * from `ESC [` up to and including the first terminator byte. A sequence still open at the
 * end of the chunk swallows the rest of the chunk; other escapes (`ESC ]` …) are kept.
 */
export function stripAnsi(data: Buffer): Buffer {
  let start = data.indexOf(ESCAPE_BEGIN);
  if (start === -1) return data;
  const kept: Buffer[] = [];
  let position = 0;
  while (start !== -1) {
    kept.push(data.subarray(position, start));
    let end = start + ESCAPE_BEGIN.length;
    while (end < data.length && !TERMINATORS.has(data[end] as number)) end += 1;
    if (end >= data.length) return Buffer.concat(kept);
    position = end + 1;
    start = data.indexOf(ESCAPE_BEGIN, position);
  }
  kept.push(data.subarray(position));
  return Buffer.concat(kept);
}

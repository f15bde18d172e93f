/**
 * The byte-range rules of supervisord's log reading methods, as pure functions of the request and
 * the current file size. No I/O here.
 */

export type ReadRange = { ok: true; start: number; length: number | 'to-end' } | { ok: false; fault: 'BAD_ARGUMENTS' };

/**
 * `readLog` / `readProcess*Log`: offset ≥ 0 with length 0 reads to the end, with length > 0 reads up
 * to that many bytes; a negative offset with length 0 reads the last |offset| bytes; anything else is
 * BAD_ARGUMENTS.
 */
export function readRange(offset: number, length: number, size: number): ReadRange {
  if (offset < 0) {
    if (length !== 0) return { ok: false, fault: 'BAD_ARGUMENTS' };
    const start = Math.max(0, size + offset);
    return { ok: true, start, length: -offset };
  }
  if (length < 0) return { ok: false, fault: 'BAD_ARGUMENTS' };
  return { ok: true, start: offset, length: length === 0 ? 'to-end' : length };
}

export interface TailRange {
  start: number;
  length: number;
  overflow: boolean;
}

/**
 * `tailProcess*Log`: when more than `length` bytes lie past `offset`, only the last `length` bytes
 * are returned and overflow is reported; the caller's next offset is always the file size.
 */
export function tailRange(offset: number, length: number, size: number): TailRange {
  let start = offset;
  let count = length;
  const overflow = size > start + count;
  if (overflow) start = size - 1;
  if (start + count > size) {
    if (start > size - 1) count = 0;
    start = size - count;
  }
  if (start < 0) start = 0;
  if (count < 0) count = 0;
  return { start, length: count, overflow };
}

/** Reading byte ranges of log files for the RPC log methods. */
import fs from 'node:fs';
import { flushPendingLogWrites } from '../logging/pending-log-writes';
import { readRange, tailRange } from './log-range';

export type LogReadResult = { ok: true; text: string } | { ok: false; fault: 'BAD_ARGUMENTS' | 'FAILED' | 'NO_FILE' };

function readBytes(fd: number, start: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const n = fs.readSync(fd, buffer, filled, length - filled, start + filled);
    if (n === 0) break;
    filled += n;
  }
  return buffer.subarray(0, filled);
}

/**
 * Reads part of a log file under the read rules. Bytes that are not valid UTF-8 (or a range that
 * cuts a character) are decoded as U+FFFD rather than failing the call.
 */
export function readLogFile(path: string, offset: number, length: number): LogReadResult {
  let fd: number;
  flushPendingLogWrites();
  try {
    fd = fs.openSync(path, 'r');
  } catch (error) {
    return { ok: false, fault: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'NO_FILE' : 'FAILED' };
  }
  try {
    const size = fs.fstatSync(fd).size;
    const range = readRange(offset, length, size);
    if (!range.ok) return range;
    const count = range.length === 'to-end' ? Math.max(0, size - range.start) : range.length;
    return { ok: true, text: readBytes(fd, range.start, count).toString('utf8') };
  } catch {
    return { ok: false, fault: 'FAILED' };
  } finally {
    fs.closeSync(fd);
  }
}

/** Tails a log file; a missing or unreadable file gives `['', 0, false]`. */
export function tailLogFile(path: string | null, offset: number, length: number): [string, number, boolean] {
  if (path === null) return ['', 0, false];
  flushPendingLogWrites();
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return ['', 0, false];
  }
  try {
    const size = fs.fstatSync(fd).size;
    const range = tailRange(offset, length, size);
    const text = range.length > 0 ? readBytes(fd, range.start, range.length).toString('utf8') : '';
    return [text, size, range.overflow];
  } catch {
    return ['', 0, false];
  } finally {
    fs.closeSync(fd);
  }
}

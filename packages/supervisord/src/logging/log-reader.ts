import * as fs from 'node:fs';
import { flushPendingLogWrites } from './pending-log-writes';

/** Why a log could not be read, named as the fault supervisord answers with. */
export class LogReadError extends Error {
  constructor(
    readonly fault: 'BAD_ARGUMENTS' | 'FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'LogReadError';
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const n = fs.readSync(fd, buffer, filled, length - filled, position + filled);
    if (n === 0) break;
    filled += n;
  }
  return buffer.subarray(0, filled);
}

function withFile<T>(path: string, use: (fd: number, size: number) => T): T {
  flushPendingLogWrites();
  const fd = fs.openSync(path, 'r');
  try {
    return use(fd, fs.fstatSync(fd).size);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * `readLog`/`readProcessStdoutLog` bytes: offset ≥ 0 with length 0 reads to the end, with
 * length > 0 up to `length` bytes; a negative offset with length 0 reads the last
 * abs(offset) bytes. Other negative values throw BAD_ARGUMENTS; I/O errors throw FAILED.
 */
export function readLog(path: string, offset: number, length: number): Buffer {
  if (offset < 0 ? length !== 0 : length < 0) {
    throw new LogReadError('BAD_ARGUMENTS', `bad offset/length ${offset}/${length}`);
  }
  try {
    return withFile(path, (fd, size) => {
      if (offset < 0) {
        const start = Math.max(0, size + offset);
        return readAt(fd, start, Math.min(-offset, size - start));
      }
      const available = Math.max(0, size - offset);
      return readAt(fd, offset, length === 0 ? available : Math.min(length, available));
    });
  } catch (error) {
    throw new LogReadError('FAILED', (error as Error).message);
  }
}

export interface TailResult {
  data: Buffer;
  /** The file size: where the next tail should start. */
  offset: number;
  /** True when more than `length` bytes were new since `offset`. */
  overflow: boolean;
}

/**
 * `tailProcessStdoutLog` bytes: the last min(length, size) bytes whenever the file has grown
 * beyond offset + length, otherwise what lies from offset; the returned offset is the size.
 * A file that cannot be read gives no data, the given offset and no overflow.
 */
export function tailLog(path: string, offset: number, length: number): TailResult {
  try {
    return withFile(path, (fd, size) => {
      let from = offset;
      let count = length;
      let overflow = false;
      if (size > from + count) {
        overflow = true;
        from = size - 1;
      }
      if (from + count > size) {
        if (from > size - 1) count = 0;
        from = size - count;
      }
      from = Math.max(0, from);
      count = Math.max(0, count);
      const data = count === 0 ? Buffer.alloc(0) : readAt(fd, from, count);
      return { data, offset: size, overflow };
    });
  } catch {
    return { data: Buffer.alloc(0), offset, overflow: false };
  }
}

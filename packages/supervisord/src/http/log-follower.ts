/**
 * Streams a log file as supervisord's `/logtail` and `/mainlogtail` do: the last 1024 bytes, then
 * whatever is appended, until the client goes away. A file truncated in place is announced; a file
 * replaced by a new one (rotation, clearing) is followed from its start.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { flushPendingLogWrites } from '../logging/pending-log-writes';

export const INITIAL_TAIL_BYTES = 1024;
export const FOLLOW_INTERVAL_MS = 100;
export const TRUNCATED_NOTICE = '==> File truncated <==\n';

function readRange(path: string, start: number, end: number): { data: Buffer; ino: number } | null {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const ino = fs.fstatSync(fd).ino;
    const length = Math.max(0, end - start);
    const data = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const n = fs.readSync(fd, data, filled, length - filled, start + filled);
      if (n === 0) break;
      filled += n;
    }
    return { data: data.subarray(0, filled), ino };
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Starts following `path` into `res` (headers already written). Stops when the response closes. */
export function followLogFile(path: string, initial: fs.Stats, res: http.ServerResponse): void {
  let ino = initial.ino;
  let position = Math.max(0, initial.size - INITIAL_TAIL_BYTES);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const pump = (): void => {
    if (stopped) return;
    let stat: fs.Stats | null = null;
    flushPendingLogWrites();
    try {
      stat = fs.statSync(path);
    } catch {
      stat = null; // the file is gone for now (being rotated); try again later
    }
    if (stat) {
      if (stat.ino !== ino) {
        ino = stat.ino;
        position = 0;
      } else if (stat.size < position) {
        res.write(TRUNCATED_NOTICE);
        position = 0;
      }
      if (stat.size > position) {
        const chunk = readRange(path, position, stat.size);
        if (chunk && chunk.ino === ino && chunk.data.length > 0) {
          position += chunk.data.length;
          res.write(chunk.data);
        }
      }
    }
    timer = setTimeout(pump, FOLLOW_INTERVAL_MS);
  };

  const stop = (): void => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
  res.on('close', stop);
  res.on('error', stop);
  pump();
}

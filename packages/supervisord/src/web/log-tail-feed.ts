/**
 * Live output for the tail page: a server-sent events stream of the bytes appended to a log file
 * after a given offset. Each `append` event's id is the offset it ends at, so a reconnecting
 * browser (Last-Event-ID) continues where it stopped. A truncated or replaced file sends `reset`
 * and continues from its start.
 */
import { promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { openEventStream, type EventStream } from './event-stream';

const POLL_MS = 250;
const KEEPALIVE_POLLS = 60;
/** At most this much is sent per poll; a faster writer has its older output skipped. */
const MAX_CHUNK = 256 * 1024;

export class LogTailFeeds {
  private readonly streams = new Set<EventStream>();

  /** Follows `path` from `offset` for one subscriber. */
  attach(res: ServerResponse, path: string, offset: number): void {
    let timer: NodeJS.Timeout | null = null;
    const stream = openEventStream(res, () => {
      if (timer) clearTimeout(timer);
      this.streams.delete(stream);
    });
    this.streams.add(stream);
    let position = Math.max(0, offset);
    let inode: number | null = null;
    let decoder = new StringDecoder('utf8');
    let polls = 0;

    const poll = async (): Promise<void> => {
      polls += 1;
      try {
        const stat = await fs.stat(path).catch(() => null);
        if (stat) {
          if ((inode !== null && stat.ino !== inode) || stat.size < position) {
            position = 0;
            decoder = new StringDecoder('utf8');
            stream.send('reset', '', '0');
          }
          inode = stat.ino;
          if (stat.size > position) {
            const start = Math.max(position, stat.size - MAX_CHUNK);
            const data = await readRange(path, start, stat.size - start);
            position = start + data.length;
            const text = decoder.write(data);
            if (text !== '') stream.send('append', text, String(position));
          }
        }
        if (polls % KEEPALIVE_POLLS === 0) stream.comment('keep-alive');
      } catch {
        // A read that failed is retried at the next poll.
      }
      if (!stream.closed) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
  }

  close(): void {
    for (const stream of [...this.streams]) stream.close();
  }
}

async function readRange(path: string, start: number, length: number): Promise<Buffer> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

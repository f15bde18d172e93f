/** Reads the lines appended to a file since the last look (the file may not exist yet). */
import fs from 'node:fs';
import { waitFor } from './wait';

export class AppendedLines {
  private offset = 0;
  private partial = '';

  constructor(private readonly file: string) {}

  /** Complete lines appended since the previous call. */
  take(): string[] {
    let fd: number;
    try {
      fd = fs.openSync(this.file, 'r');
    } catch {
      return [];
    }
    try {
      const size = fs.fstatSync(fd).size;
      if (size <= this.offset) return [];
      const buffer = Buffer.alloc(size - this.offset);
      const read = fs.readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset += read;
      const text = this.partial + buffer.subarray(0, read).toString('utf8');
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      return lines;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Waits for the next appended line. */
  async next(what: string, timeoutMs: number, abort?: () => Error | undefined): Promise<string> {
    const queued: string[] = [];
    return waitFor(
      what,
      () => {
        queued.push(...this.take());
        return queued.shift();
      },
      { timeoutMs, intervalMs: 1, abort },
    );
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';

import { flushPendingLogWrites, LOG_WRITE_DELAY_MS } from '../../src/logging/pending-log-writes';
import { RotatingFile } from '../../src/logging/rotating-file';
import { layout, useTempDir } from './temp-dir';

/** Polls `check` every few ms until it holds or the deadline passes. */
async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('RotatingFile with holdWrites', () => {
  const tmp = useTempDir('held-writes');
  afterEach(() => flushPendingLogWrites());

  it('holds small writes and writes them together, later, on its own', async () => {
    const log = path.join(tmp(), 'a.log');
    const file = new RotatingFile(log, { maxBytes: 0, backups: 0, holdWrites: true });
    file.write('one\n');
    file.write('two\n');
    // Nothing reaches the file synchronously: both writes are held (for LOG_WRITE_DELAY_MS).
    expect(LOG_WRITE_DELAY_MS).toBeGreaterThan(0);
    expect(fs.readFileSync(log, 'latin1')).toBe('');
    // No flush is asked for: the held bytes go out by themselves.
    await waitFor(() => fs.readFileSync(log, 'latin1') === 'one\ntwo\n');
    file.close();
  });

  it('writes held bytes before a read (flushPendingLogWrites), a reopen, a clear and a close', () => {
    const log = path.join(tmp(), 'b.log');
    const file = new RotatingFile(log, { maxBytes: 0, backups: 0, holdWrites: true });
    file.write('read\n');
    flushPendingLogWrites();
    expect(fs.readFileSync(log, 'latin1')).toBe('read\n');
    file.write('before reopen\n');
    fs.renameSync(log, `${log}.old`);
    file.reopen();
    expect(fs.readFileSync(`${log}.old`, 'latin1')).toBe('read\nbefore reopen\n');
    file.write('cleared\n');
    file.clear();
    expect(fs.readFileSync(log, 'latin1')).toBe('');
    file.write('closed\n');
    file.close();
    expect(fs.readFileSync(log, 'latin1')).toBe('closed\n');
  });

  it('rolls over right after the write that reaches maxBytes, exactly as without holding', () => {
    const sizes = [30, 25, 40, 10, 60, 5, 5, 80, 1, 99, 100, 3];
    const run = (name: string, holdWrites: boolean) => {
      const log = path.join(tmp(), name);
      const file = new RotatingFile(log, { maxBytes: 100, backups: 5, holdWrites });
      sizes.forEach((size, i) => file.write(String.fromCharCode(97 + i).repeat(size)));
      file.close();
      const files = layout(log);
      return Object.keys(files)
        .sort()
        .map((key) => [key.replace(name, 'log'), fs.readFileSync(path.join(tmp(), key), 'latin1')]);
    };
    const held = run('held.log', true);
    expect(held).toEqual(run('direct.log', false));
    expect(held.map(([key]) => key)).toEqual(['log', 'log.1', 'log.2', 'log.3', 'log.4']);
    // a+b+c (95) stay held; d reaches 100: a..d are one file, then e..h (150), i+j, k, and l.
    expect(held.find(([key]) => key === 'log')?.[1]).toBe('l'.repeat(3));
    expect(held.find(([key]) => key === 'log.4')?.[1]).toBe('a'.repeat(30) + 'b'.repeat(25) + 'c'.repeat(40) + 'd'.repeat(10));
  });

  it('keeps the read order of two writers of the same file', () => {
    const log = path.join(tmp(), 'shared.log');
    const first = new RotatingFile(log, { maxBytes: 0, backups: 0, holdWrites: true });
    const second = new RotatingFile(log, { maxBytes: 0, backups: 0, holdWrites: true });
    first.write('1');
    second.write('2');
    first.write('3');
    second.write('4');
    flushPendingLogWrites();
    expect(fs.readFileSync(log, 'latin1')).toBe('1234');
    first.close();
    second.close();
  });
});

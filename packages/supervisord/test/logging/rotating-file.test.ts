import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { RotatingFile } from '../../src/logging/rotating-file';
import { layout, useTempDir } from './temp-dir';

describe('RotatingFile', () => {
  const tmp = useTempDir('rotating-file');

  it('keeps `backups` files of whole writes, newest in .1, like supervisord (maxbytes=100, 30-byte writes)', () => {
    const log = path.join(tmp(), 'a.log');
    const file = new RotatingFile(log, { maxBytes: 100, backups: 2 });
    for (let i = 0; i < 12; i += 1) file.write(String(i % 10).repeat(30));
    file.close();
    // 4 writes (120 bytes) per file; 12 writes = 3 full files; the oldest one fell off.
    expect(layout(log)).toEqual({ 'a.log': 0, 'a.log.1': 120, 'a.log.2': 120 });
    expect(fs.readFileSync(`${log}.1`, 'latin1')).toBe('8'.repeat(30) + '9'.repeat(30) + '0'.repeat(30) + '1'.repeat(30));
    expect(fs.readFileSync(`${log}.2`, 'latin1')).toBe(['4', '5', '6', '7'].map((d) => d.repeat(30)).join(''));
  });

  it('truncates in place with backups=0', () => {
    const log = path.join(tmp(), 'b.log');
    const file = new RotatingFile(log, { maxBytes: 100, backups: 0 });
    for (let i = 0; i < 5; i += 1) file.write('x'.repeat(30));
    file.close();
    expect(layout(log)).toEqual({ 'b.log': 30 });
  });

  it('never rotates with maxBytes=0 (or negative)', () => {
    for (const maxBytes of [0, -5]) {
      const log = path.join(tmp(), `c${maxBytes}.log`);
      const file = new RotatingFile(log, { maxBytes, backups: 3 });
      for (let i = 0; i < 12; i += 1) file.write('y'.repeat(30));
      file.close();
      expect(layout(log)).toEqual({ [path.basename(log)]: 360 });
    }
  });

  it('keeps a single write larger than maxBytes whole', () => {
    const log = path.join(tmp(), 'd.log');
    const file = new RotatingFile(log, { maxBytes: 1024, backups: 3 });
    file.write('small\n');
    file.write(Buffer.alloc(5000, 0x41));
    file.close();
    expect(layout(log)).toEqual({ 'd.log': 0, 'd.log.1': 5006 });
  });

  it('counts bytes, not characters', () => {
    const log = path.join(tmp(), 'e.log');
    const file = new RotatingFile(log, { maxBytes: 10, backups: 1 });
    file.write('ééééé'); // 5 characters, 10 bytes: reaches maxBytes
    file.close();
    expect(layout(log)).toEqual({ 'e.log': 0, 'e.log.1': 10 });
  });

  it('appends to an existing file and rotates on the next write once it is full', () => {
    const log = path.join(tmp(), 'f.log');
    fs.writeFileSync(log, 'z'.repeat(150));
    const file = new RotatingFile(log, { maxBytes: 100, backups: 2 });
    expect(layout(log)).toEqual({ 'f.log': 150 });
    file.write('more');
    file.close();
    expect(layout(log)).toEqual({ 'f.log': 0, 'f.log.1': 154 });
  });

  it('is byte-exact across many rotations: all files together hold the last bytes in order', () => {
    const log = path.join(tmp(), 'g.log');
    const backups = 50;
    const file = new RotatingFile(log, { maxBytes: 4096, backups });
    const chunks: Buffer[] = [];
    let counter = 0;
    for (let i = 0; i < 3000; i += 1) {
      const length = 1 + ((i * 7919) % 700);
      const chunk = Buffer.alloc(length);
      for (let j = 0; j < length; j += 1) chunk[j] = (counter++ * 31) & 0xff;
      chunks.push(chunk);
      file.write(chunk);
    }
    file.close();
    const parts: Buffer[] = [];
    for (let i = backups; i >= 1; i -= 1) {
      if (fs.existsSync(`${log}.${i}`)) parts.push(fs.readFileSync(`${log}.${i}`));
    }
    parts.push(fs.readFileSync(log));
    const kept = Buffer.concat(parts);
    const all = Buffer.concat(chunks);
    expect(kept.length).toBeGreaterThan(backups * 4096);
    expect(kept.equals(all.subarray(all.length - kept.length))).toBe(true);
    // Every backup starts at a chunk boundary: writes are never split.
    const boundaries = new Set<number>();
    let position = 0;
    for (const chunk of chunks) boundaries.add((position += chunk.length));
    expect(boundaries.has(all.length - kept.length)).toBe(true);
  });

  it('reopen() after an outside rename writes to a new file at the original path', () => {
    const log = path.join(tmp(), 'h.log');
    const file = new RotatingFile(log, { maxBytes: 0, backups: 0 });
    file.write('before\n');
    fs.renameSync(log, `${log}.moved`);
    file.write('still old\n');
    file.reopen();
    file.write('after\n');
    file.close();
    expect(fs.readFileSync(`${log}.moved`, 'utf8')).toBe('before\nstill old\n');
    expect(fs.readFileSync(log, 'utf8')).toBe('after\n');
  });

  it('clear() removes the current file, starts an empty one and leaves the backups', () => {
    const log = path.join(tmp(), 'i.log');
    const file = new RotatingFile(log, { maxBytes: 10, backups: 2 });
    file.write('0123456789'); // rotates into .1
    file.write('abc');
    const before = fs.statSync(log).ino;
    file.clear();
    expect(layout(log)).toEqual({ 'i.log': 0, 'i.log.1': 10 });
    file.write('new');
    file.close();
    expect(fs.readFileSync(log, 'utf8')).toBe('new');
    expect(fs.statSync(log).ino === before && fs.statSync(log).size === 3).toBe(true);
  });

  it('does not rotate and does not fail on a character device (/dev/null)', () => {
    const errors: Error[] = [];
    const file = new RotatingFile('/dev/null', { maxBytes: 10, backups: 3, onError: (e) => errors.push(e) });
    expect(file.rotates).toBe(false);
    for (let i = 0; i < 10; i += 1) file.write('0123456789');
    file.reopen();
    file.write('x');
    file.clear();
    file.close();
    expect(errors).toEqual([]);
    expect(fs.existsSync('/dev/null.1')).toBe(false);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('does not rotate and does not fail on a FIFO, and every byte arrives', () => {
    const fifo = path.join(tmp(), 'pipe');
    const made = spawnSync('mkfifo', [fifo]);
    expect(made.status).toBe(0);
    // Open the reading end first (non-blocking) so that opening for writing does not wait.
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const errors: Error[] = [];
      const file = new RotatingFile(fifo, { maxBytes: 10, backups: 2, onError: (e) => errors.push(e) });
      expect(file.rotates).toBe(false);
      for (let i = 0; i < 5; i += 1) file.write(`line ${i}\n`);
      file.close();
      const buffer = Buffer.alloc(4096);
      const n = fs.readSync(reader, buffer, 0, buffer.length, null);
      expect(buffer.subarray(0, n).toString()).toBe('line 0\nline 1\nline 2\nline 3\nline 4\n');
      expect(errors).toEqual([]);
      expect(fs.existsSync(`${fifo}.1`)).toBe(false);
    } finally {
      fs.closeSync(reader);
    }
  });

  it('never throws on a full disk (/dev/full): reports once and keeps going', () => {
    const errors: Error[] = [];
    const file = new RotatingFile('/dev/full', { maxBytes: 100, backups: 1, onError: (e) => errors.push(e) });
    expect(() => {
      for (let i = 0; i < 20; i += 1) file.write('data that cannot be stored\n');
    }).not.toThrow();
    file.close();
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOSPC');
  });

  it('recovers lazily after a failed reopen and reports a later failure again', () => {
    const dir = path.join(tmp(), 'sub');
    fs.mkdirSync(dir);
    const log = path.join(dir, 'j.log');
    const errors: Error[] = [];
    const file = new RotatingFile(log, { maxBytes: 0, backups: 0, onError: (e) => errors.push(e) });
    fs.rmSync(dir, { recursive: true });
    file.reopen(); // the directory is gone: cannot reopen
    file.write('lost 1');
    file.write('lost 2');
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOENT');
    fs.mkdirSync(dir);
    file.write('kept'); // reopens lazily
    expect(fs.readFileSync(log, 'utf8')).toBe('kept');
    fs.rmSync(dir, { recursive: true });
    file.reopen();
    file.close();
    expect(errors).toHaveLength(2);
  });

  it('throws from the constructor when the file cannot be opened', () => {
    expect(() => new RotatingFile(path.join(tmp(), 'missing', 'x.log'), { maxBytes: 0, backups: 0 })).toThrow(/ENOENT/);
  });

  it('writes 64 KiB chunks at 100 MB/s or more', () => {
    const log = path.join(tmp(), 'speed.log');
    const file = new RotatingFile(log, { maxBytes: 16 * 1024 * 1024, backups: 2 });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = 128 * 1024 * 1024;
    const started = process.hrtime.bigint();
    for (let written = 0; written < total; written += chunk.length) file.write(chunk);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    file.close();
    const mbPerSecond = total / 1024 / 1024 / seconds;
    expect(mbPerSecond).toBeGreaterThanOrEqual(100);
  });
});

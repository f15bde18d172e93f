import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLogFile, tailLogFile } from '../../src/rpc/log-files';
import { readRange, tailRange } from '../../src/rpc/log-range';

describe('tail rules (observed on a 13-byte log "hello stdout\\n")', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-range-'));
    file = path.join(dir, 'out.log');
    fs.writeFileSync(file, 'hello stdout\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [0, 5, 'dout\n', true],
    [0, 100, 'hello stdout\n', false],
    [13, 100, '', false],
    [5, 3, 'ut\n', true],
    [100, 100, '', false],
    [-5, 3, 'ut\n', true],
    [0, -3, '', true],
  ])('tail(%p, %p) gives %p, overflow %p', (offset, length, text, overflow) => {
    expect(tailLogFile(file, offset, length)).toEqual([text, 13, overflow]);
  });

  it('gives an empty triple for a missing file or no file', () => {
    expect(tailLogFile(path.join(dir, 'missing'), 0, 10)).toEqual(['', 0, false]);
    expect(tailLogFile(null, 0, 10)).toEqual(['', 0, false]);
  });

  it('tailRange is a pure function of the request and the size', () => {
    expect(tailRange(0, 5, 13)).toEqual({ start: 8, length: 5, overflow: true });
    expect(tailRange(0, 0, 0)).toEqual({ start: 0, length: 0, overflow: false });
  });
});

describe('read rules', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-read-'));
    file = path.join(dir, 'out.log');
    fs.writeFileSync(file, 'hello stdout\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [0, 0, 'hello stdout\n'],
    [6, 0, 'stdout\n'],
    [13, 0, ''],
    [50, 0, ''],
    [0, 5, 'hello'],
    [6, 100, 'stdout\n'],
    [-7, 0, 'stdout\n'],
    [-100, 0, 'hello stdout\n'],
  ])('read(%p, %p) gives %p', (offset, length, text) => {
    expect(readLogFile(file, offset, length)).toEqual({ ok: true, text });
  });

  it.each([
    [0, -1],
    [-5, 3],
    [-5, -3],
  ])('read(%p, %p) is BAD_ARGUMENTS', (offset, length) => {
    expect(readLogFile(file, offset, length)).toEqual({ ok: false, fault: 'BAD_ARGUMENTS' });
    expect(readRange(offset, length, 13)).toEqual({ ok: false, fault: 'BAD_ARGUMENTS' });
  });

  it('reports a missing file as NO_FILE and a directory as FAILED', () => {
    expect(readLogFile(path.join(dir, 'missing'), 0, 0)).toEqual({ ok: false, fault: 'NO_FILE' });
    expect(readLogFile(dir, 0, 0)).toEqual({ ok: false, fault: 'FAILED' });
  });

  it('decodes a range that cuts a UTF-8 character with U+FFFD instead of failing', () => {
    const utf8 = path.join(dir, 'utf8.log');
    fs.writeFileSync(utf8, 'hi there é\n');
    expect(readLogFile(utf8, 0, 10)).toEqual({ ok: true, text: 'hi there \uFFFD' });
    expect(readLogFile(utf8, -5, 0)).toEqual({ ok: true, text: 'e é\n' });
  });
});

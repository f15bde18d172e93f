import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { LogReadError, readLog, tailLog } from '../../src/logging/log-reader';
import { useTempDir } from './temp-dir';

/** Runs supervisor 4.2.5's own readFile/tailFile on the same file, as the reference. */
function upstream(fn: 'readFile' | 'tailFile', file: string, offset: number, length: number): unknown {
  const script = [
    'import sys, json',
    'from supervisor.options import readFile, tailFile',
    'fn, name, offset, length = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])',
    'try:',
    "    r = readFile(name, offset, length) if fn == 'readFile' else tailFile(name, offset, length)",
    "    if isinstance(r, bytes): r = r.decode('latin1')",
    'except ValueError as e:',
    "    r = {'fault': e.args[0]}",
    'print(json.dumps(r))',
  ].join('\n');
  const run = spawnSync('/usr/bin/python3', ['-c', script, fn, file, String(offset), String(length)]);
  if (run.status !== 0) throw new Error(run.stderr.toString());
  return JSON.parse(run.stdout.toString());
}

function ours(fn: 'readFile' | 'tailFile', file: string, offset: number, length: number): unknown {
  if (fn === 'tailFile') {
    const r = tailLog(file, offset, length);
    return [r.data.toString('latin1'), r.offset, r.overflow];
  }
  try {
    return readLog(file, offset, length).toString('latin1');
  } catch (error) {
    if (error instanceof LogReadError) return { fault: error.fault };
    throw error;
  }
}

describe('log reading', () => {
  const tmp = useTempDir('log-reader');

  it('tail follows the observed table on a 13-byte log', () => {
    const file = path.join(tmp(), 'out.log');
    fs.writeFileSync(file, 'hello stdout\n');
    const table: Array<[number, number, [string, number, boolean]]> = [
      [0, 5, ['dout\n', 13, true]],
      [0, 100, ['hello stdout\n', 13, false]],
      [13, 100, ['', 13, false]],
      [5, 3, ['ut\n', 13, true]],
      [100, 100, ['', 13, false]],
      [-5, 3, ['ut\n', 13, true]],
      [0, -3, ['', 13, true]],
    ];
    for (const [offset, length, expected] of table) expect(ours('tailFile', file, offset, length)).toEqual(expected);
  });

  it('read and tail agree with supervisor 4.2.5 for every interesting offset and length', () => {
    const file = path.join(tmp(), 'agree.log');
    fs.writeFileSync(file, 'line one\nline two !\nthird\n');
    const empty = path.join(tmp(), 'empty.log');
    fs.writeFileSync(empty, '');
    const values = [-100, -30, -5, -1, 0, 1, 5, 29, 30, 31, 100];
    const cases: Array<[string, number, number]> = [];
    for (const name of [file, empty]) for (const o of values) for (const l of values) cases.push([name, o, l]);
    // One python process per (function, case) would be slow; batch through a single script.
    const script = [
      'import sys, json',
      'from supervisor.options import readFile, tailFile',
      'out = []',
      'for name, o, l in json.loads(sys.stdin.read()):',
      '    try:',
      "        r = readFile(name, o, l).decode('latin1')",
      '    except ValueError as e:',
      "        r = {'fault': e.args[0]}",
      '    t = tailFile(name, o, l)',
      "    out.append([r, t])",
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(cases) });
    expect(run.status).toBe(0);
    const expected = JSON.parse(run.stdout.toString()) as Array<[unknown, [string, number, boolean]]>;
    cases.forEach(([name, o, l], i) => {
      const [read, tail] = expected[i] as [unknown, [string, number, boolean]];
      expect([name, o, l, ours('readFile', name, o, l)]).toEqual([name, o, l, read]);
      expect([name, o, l, ours('tailFile', name, o, l)]).toEqual([name, o, l, tail]);
    });
  });

  it('returns raw bytes, invalid UTF-8 included (the caller decodes)', () => {
    const file = path.join(tmp(), 'raw.log');
    fs.writeFileSync(file, Buffer.from([0x61, 0xff, 0x0a]));
    expect(readLog(file, 0, 0)).toEqual(Buffer.from([0x61, 0xff, 0x0a]));
    expect(tailLog(file, 0, 2)).toEqual({ data: Buffer.from([0xff, 0x0a]), offset: 3, overflow: true });
  });

  it('a missing file: read fails with FAILED, tail gives nothing at the given offset', () => {
    const missing = path.join(tmp(), 'missing.log');
    expect(ours('readFile', missing, 0, 0)).toEqual(upstream('readFile', missing, 0, 0));
    expect(ours('readFile', missing, 0, 0)).toEqual({ fault: 'FAILED' });
    expect(ours('tailFile', missing, 7, 10)).toEqual(['', 7, false]);
    expect(upstream('tailFile', missing, 7, 10)).toEqual(['', 7, false]);
  });
});

import { spawnSync } from 'node:child_process';

import { stripAnsi } from '../../src/logging/strip-ansi';

/** The real supervisor 4.2.5 function, as the reference. */
function upstreamStrip(data: Buffer): Buffer {
  const result = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import sys\nfrom supervisor.dispatchers import stripEscapes\nsys.stdout.buffer.write(stripEscapes(sys.stdin.buffer.read()))'],
    { input: data },
  );
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr.toString()}`);
  return result.stdout;
}

describe('stripAnsi', () => {
  const samples = [
    '\x1b[31mred\x1b[0m',
    'plain text, no escapes\n',
    'a\x1b[1;32;40mb\x1b[Kc\x1b[2Jd\x1b[10;20He\n',
    'title \x1b]0;window\x07 kept',
    'unterminated \x1b[12;34 swallows the rest',
    '\x1b[\x1b[m after double',
    'bytes \xff\xfe \x1b[mafter',
    '',
    '\x1b[m',
    'ends with ESC \x1b',
  ];

  it.each(samples.map((s) => [JSON.stringify(s), s]))('matches supervisor 4.2.5 for %s', (_label, sample) => {
    const input = Buffer.from(sample, 'latin1');
    expect(stripAnsi(input).toString('latin1')).toBe(upstreamStrip(input).toString('latin1'));
  });

  it('removes colour codes', () => {
    expect(stripAnsi(Buffer.from('\x1b[31mred\x1b[0m')).toString()).toBe('red');
  });
});

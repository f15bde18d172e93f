/**
 * 2 million short lines, each in its own write() (like a line-buffered application), to one
 * program's log file: daemon CPU and time until all are on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gatedOutputFiles, gatedOutputProgram, releaseAndWaitOnDisk } from '../gated-output';
import { withDaemon } from '../daemon-launcher';
import type { Scenario } from '../scenario';

/** Prints "line <n>" for n = 1..count with autoflush on: one write per line. */
const WRITER = '$| = 1;\nmy $count = shift;\nprint "line $_\\n" for 1 .. $count;\n';
const PREFIX = 'line ';

/** Bytes WRITER prints for `count` lines. */
function writtenBytes(count: number): number {
  let total = 0;
  for (let digits = 1, low = 1; low <= count; digits++, low *= 10) {
    const high = Math.min(count, low * 10 - 1);
    total += (high - low + 1) * (PREFIX.length + digits + 1);
  }
  return total;
}

export const manyLinesScenario: Scenario = {
  id: 'lines',
  title: 'many short lines',
  metrics: [
    { key: 'lines.cpu', label: 'short lines to log: daemon CPU', unit: 's', better: 'lower' },
    { key: 'lines.seconds', label: 'short lines to log: all on disk', unit: 's', better: 'lower' },
    { key: 'lines.syscalls', label: 'short lines to log: daemon read+write calls', unit: 'calls', better: 'lower' },
  ],
  timeoutMs: 240000,
  async run(context) {
    const lines = context.quick ? 500_000 : 2_000_000;
    const samples = context.quick ? 1 : 3;
    const programs = (workDir: string) => {
      const writer = path.join(workDir, 'lines.pl');
      fs.writeFileSync(writer, WRITER);
      return [gatedOutputProgram(workDir, `/usr/bin/perl ${writer} ${lines}`, null)];
    };
    for (let sample = 0; sample < samples; sample++) {
      context.log(`${lines} lines #${sample + 1}`);
      await withDaemon(context.kind, { programs }, async (daemon) => {
        const result = await releaseAndWaitOnDisk(daemon, gatedOutputFiles(daemon.workDir), writtenBytes(lines), 120000);
        context.record('lines.cpu', result.daemonCpuSeconds);
        context.record('lines.seconds', result.seconds);
        context.record('lines.syscalls', result.daemonIoSyscalls);
      });
    }
  },
};

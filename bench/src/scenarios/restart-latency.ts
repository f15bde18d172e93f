/**
 * Unattended restart: SIGKILL a RUNNING child with autorestart=true and measure the time until
 * its successor writes its start line. The child stamps the wall clock itself, so the daemon is
 * never asked anything during the measurement.
 */
import path from 'node:path';
import { AppendedLines } from '../appended-lines';
import { startStampingChild } from '../child-commands';
import { withDaemon } from '../daemon-launcher';
import type { Scenario } from '../scenario';
import { delay, wallClockMs } from '../wait';

/** Pause after a start line before the next kill: with startsecs=0, 4.2.5 marks the child RUNNING at its next pass (≤ 1 s). */
const SETTLE_MS = 1200;

function parseStartLine(line: string): { pid: number; atMs: number } {
  const [pid, seconds] = line.trim().split(' ');
  const atMs = Number((seconds ?? '').replace(',', '.')) * 1000;
  if (!Number.isInteger(Number(pid)) || !Number.isFinite(atMs)) throw new Error(`bad start line: ${line}`);
  return { pid: Number(pid), atMs };
}

const startsFile = (workDir: string) => path.join(workDir, 'starts.log');

export const restartLatencyScenario: Scenario = {
  id: 'restart',
  title: 'restart after SIGKILL (autorestart=true)',
  metrics: [{ key: 'restart.latency', label: 'restart after SIGKILL: kill → new start', unit: 'ms', better: 'lower' }],
  timeoutMs: 120000,
  async run(context) {
    const samples = context.quick ? 4 : 10;
    let starts: AppendedLines | undefined;
    const programs = (workDir: string) => {
      starts = new AppendedLines(startsFile(workDir));
      return [{ name: 'victim', command: startStampingChild(startsFile(workDir)), startsecs: 0, autorestart: true, stopasgroup: false }];
    };
    await withDaemon(context.kind, { programs }, async (daemon) => {
      const lines = starts!;
      const abort = () => daemon.deathError();
      let current = parseStartLine(await lines.next('first start of the child', 20000, abort));
      for (let sample = 0; sample < samples; sample++) {
        await delay(SETTLE_MS);
        const killedAt = wallClockMs();
        process.kill(current.pid, 'SIGKILL');
        const next = parseStartLine(await lines.next('restart of the child', 15000, abort));
        if (next.pid === current.pid) throw new Error('start line repeated the killed pid');
        context.record('restart.latency', next.atMs - killedAt);
        current = next;
      }
    });
  },
};

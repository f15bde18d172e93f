/** An idle daemon with 0 and 500 RUNNING programs: CPU (% of one core) and resident memory. */
import { sleepingPrograms } from '../config-writer';
import { withDaemon } from '../daemon-launcher';
import { cpuSeconds, privateBytes, rssBytes } from '../proc-stats';
import { waitChildCount } from '../process-readiness';
import type { MetricSpec, Scenario } from '../scenario';
import { delay } from '../wait';

const COUNTS = [0, 500];
const MIB = 1024 * 1024;

const metrics: MetricSpec[] = COUNTS.flatMap((count) => [
  { key: `idle.${count}.cpu`, label: `idle with ${count} programs: CPU`, unit: '% core', better: 'lower' as const },
  { key: `idle.${count}.rss`, label: `idle with ${count} programs: RSS`, unit: 'MiB', better: 'lower' as const },
  { key: `idle.${count}.private`, label: `idle with ${count} programs: private memory`, unit: 'MiB', better: 'lower' as const },
]);

export const idleScenario: Scenario = {
  id: 'idle',
  title: 'idle CPU and memory',
  metrics,
  timeoutMs: 180000,
  async run(context) {
    const windows = context.quick ? 1 : 3;
    // 5 s windows: each holds one TICK_5 period, so periodic work is counted fairly in every sample.
    const windowMs = 5000;
    // Steady state, not the tail of the start: long enough for 4.2.5 to have moved every
    // startsecs=0 child to RUNNING (its next 1 s pass), and for V8's memory reducer, which shrinks
    // a Node heap about 8 s after a burst of allocation (a one-off: it runs again only after new
    // allocation), to have finished. Both daemons get the same settle time.
    const settleMs = context.quick ? 2000 : 12000;
    for (const count of COUNTS) {
      context.log(`${count} programs`);
      await withDaemon(context.kind, { programs: sleepingPrograms(count, 0) }, async (daemon) => {
        // Started children are counted from /proc, so nothing talks to the daemon.
        await waitChildCount(daemon, count);
        await delay(settleMs);
        for (let window = 0; window < windows; window++) {
          const before = cpuSeconds(daemon.pid);
          const started = performance.now();
          await delay(windowMs);
          const cpu = cpuSeconds(daemon.pid) - before;
          context.record(`idle.${count}.cpu`, (cpu / ((performance.now() - started) / 1000)) * 100);
          context.record(`idle.${count}.rss`, rssBytes(daemon.pid) / MIB);
          context.record(`idle.${count}.private`, privateBytes(daemon.pid) / MIB);
        }
      });
    }
  },
};

/** 200 MiB written to stdout by one program: time until it is all in the log, and daemon CPU. */
import { gatedOutputFiles, gatedOutputProgram, releaseAndWaitOnDisk } from '../gated-output';
import { withDaemon } from '../daemon-launcher';
import type { MetricSpec, Scenario } from '../scenario';

const MIB = 1024 * 1024;
/** 100-character lines. */
const LINE = 'log-throughput-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-abcdefghi';

const VARIANTS = [
  { id: 'plain', label: 'no rotation', rotation: null },
  // Enough backups to keep every byte, so the total on disk is the amount written.
  { id: 'rotated', label: 'rotation 10 MiB x 25', rotation: { maxbytes: 10 * MIB, backups: 25 } },
] as const;

const metrics: MetricSpec[] = VARIANTS.flatMap((variant) => [
  { key: `log.${variant.id}.throughput`, label: `stdout to log, ${variant.label}: throughput`, unit: 'MiB/s', better: 'higher' as const },
  { key: `log.${variant.id}.cpu`, label: `stdout to log, ${variant.label}: daemon CPU`, unit: 's', better: 'lower' as const },
  { key: `log.${variant.id}.syscalls`, label: `stdout to log, ${variant.label}: daemon read+write calls`, unit: 'calls', better: 'lower' as const },
]);

export const logThroughputScenario: Scenario = {
  id: 'log',
  title: 'stdout volume to the log file',
  metrics,
  timeoutMs: 120000,
  // Both daemons are bound by the kernel here (see docs/benchmark.md): single samples scatter by
  // up to 15 % and drift with the file system's state, so the daemons take turns, five rounds of
  // one sample per variant.
  rounds: (quick) => (quick ? 1 : 5),
  async run(context) {
    const megabytes = context.quick ? 50 : 200;
    const bytes = megabytes * MIB;
    for (const variant of VARIANTS) {
      context.log(`${megabytes} MiB, ${variant.label}`);
      const producer = `yes ${LINE} 2>/dev/null | head -c ${bytes}`;
      await withDaemon(
        context.kind,
        { programs: (workDir) => [gatedOutputProgram(workDir, producer, variant.rotation)] },
        async (daemon) => {
          const result = await releaseAndWaitOnDisk(daemon, gatedOutputFiles(daemon.workDir), bytes, 60000);
          context.record(`log.${variant.id}.throughput`, megabytes / result.seconds);
          context.record(`log.${variant.id}.cpu`, result.daemonCpuSeconds);
          context.record(`log.${variant.id}.syscalls`, result.daemonIoSyscalls);
        },
      );
    }
  },
};

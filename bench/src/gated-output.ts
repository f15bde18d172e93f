/**
 * A program whose output burst starts when the bench says so (a line on a FIFO), so the daemon's
 * CPU and the time until every byte is in its log file(s) can be measured from that moment.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gatedProducerChild } from './child-commands';
import type { ProgramSpec } from './config-writer';
import type { RunningDaemon } from './daemon-launcher';
import { cpuSeconds, ioSyscalls } from './proc-stats';
import { waitFor } from './wait';

export interface GatedOutputFiles {
  fifo: string;
  ready: string;
  log: string;
}

export function gatedOutputFiles(workDir: string): GatedOutputFiles {
  return { fifo: path.join(workDir, 'go.fifo'), ready: path.join(workDir, 'ready'), log: path.join(workDir, 'out.log') };
}

/** The program (created in `workDir`, with its FIFO) that writes `producer`'s output once released. */
export function gatedOutputProgram(
  workDir: string,
  producer: string,
  rotation: { maxbytes: number; backups: number } | null,
): ProgramSpec {
  const files = gatedOutputFiles(workDir);
  execFileSync('mkfifo', [files.fifo]);
  return {
    name: 'producer',
    command: gatedProducerChild(files.fifo, files.ready, producer),
    startsecs: 0,
    stdoutLogfile: files.log,
    stdoutLogfileMaxbytes: rotation?.maxbytes ?? 0,
    stdoutLogfileBackups: rotation?.backups ?? 0,
  };
}

/** Total size of the log file and its rotated backups. */
function loggedBytes(log: string): number {
  const dir = path.dirname(log);
  const base = path.basename(log);
  let total = 0;
  for (const name of fs.readdirSync(dir)) {
    if (name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)))) {
      try {
        total += fs.statSync(path.join(dir, name)).size;
      } catch {
        // Renamed away by a rotation meanwhile; counted under its new name next time.
      }
    }
  }
  return total;
}

export interface BurstResult {
  seconds: number;
  daemonCpuSeconds: number;
  /** read + write system calls of the daemon. */
  daemonIoSyscalls: number;
}

/** Releases the producer and waits until `expectedBytes` are in the log files. */
export async function releaseAndWaitOnDisk(
  daemon: RunningDaemon,
  files: GatedOutputFiles,
  expectedBytes: number,
  timeoutMs: number,
): Promise<BurstResult> {
  const abort = () => daemon.deathError();
  await waitFor('the producer to be ready', () => (fs.existsSync(files.ready) ? true : undefined), { timeoutMs: 20000, abort });
  // Earlier samples leave hundreds of MiB of dirty pages; their writeback would run (on the same
  // two cores) during this sample and slow whichever daemon comes next. Write them out first.
  execFileSync('sync');
  const cpuBefore = cpuSeconds(daemon.pid);
  const syscallsBefore = ioSyscalls(daemon.pid);
  const started = performance.now();
  // O_RDWR never blocks on a FIFO; the producer holds it open, so the line stays until read.
  const fd = fs.openSync(files.fifo, 'r+');
  try {
    fs.writeSync(fd, 'go\n');
  } finally {
    fs.closeSync(fd);
  }
  await waitFor(
    `${expectedBytes} bytes in ${path.basename(files.log)}`,
    () =>
      // A rotation between readdir and stat can count one file twice: trust two totals in a row.
      loggedBytes(files.log) >= expectedBytes && loggedBytes(files.log) >= expectedBytes ? true : undefined,
    { timeoutMs, intervalMs: 5, abort },
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    daemonCpuSeconds: cpuSeconds(daemon.pid) - cpuBefore,
    daemonIoSyscalls: ioSyscalls(daemon.pid) - syscallsBefore,
  };
}

/**
 * CPU time and memory of one process, read from /proc. CPU time is the sum of the run time of
 * all its threads from /proc/<pid>/task/<tid>/schedstat (nanoseconds), falling back to
 * utime+stime from /proc/<pid>/stat (clock ticks) where schedstat is not available.
 */
import fs from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name, which may itself contain spaces and parentheses. */
function statFields(pid: number): string[] {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    throw new Error(`process ${pid} is gone`);
  }
  return text.slice(text.lastIndexOf(')') + 2).trim().split(' ');
}

function schedstatSeconds(pid: number): number | null {
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  let nanoseconds = 0;
  for (const tid of tids) {
    try {
      const [runTime] = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      nanoseconds += Number(runTime);
    } catch (error) {
      // A thread that ended between readdir and read.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ESRCH') return null;
    }
  }
  return nanoseconds / 1e9;
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const precise = schedstatSeconds(pid);
  if (precise !== null && Number.isFinite(precise)) return precise;
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    throw new Error(`process ${pid} is gone`);
  }
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

export function isAlive(pid: number): boolean {
  try {
    const state = statFields(pid)[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Read and write system calls the process has made so far (syscr + syscw from /proc/<pid>/io). */
export function ioSyscalls(pid: number): number {
  let io: string;
  try {
    io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
  } catch {
    throw new Error(`process ${pid} is gone`);
  }
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? Number.NaN);
  return field('syscr') + field('syscw');
}

/** Memory only this process holds (Private_Clean + Private_Dirty from smaps_rollup), in bytes. */
export function privateBytes(pid: number): number {
  let rollup: string;
  try {
    rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    throw new Error(`process ${pid} is gone`);
  }
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? Number.NaN);
  return (kib('Private_Clean') + kib('Private_Dirty')) * 1024;
}

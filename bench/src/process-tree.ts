/** Finding and ending the processes a started daemon has spawned, by pid and process group. */
import fs from 'node:fs';

/** Direct children of `pid` (all threads), from /proc/<pid>/task/<tid>/children. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const tid of tids) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text !== '') children.push(...text.split(' ').map(Number));
    } catch {
      // Thread gone meanwhile.
    }
  }
  return children;
}

/** All descendants of `pid`, parents before their children. */
export function descendantPids(pid: number): number[] {
  const found: number[] = [];
  const queue = childPids(pid);
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (found.includes(next)) continue;
    found.push(next);
    queue.push(...childPids(next));
  }
  return found;
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch {
    // Already gone.
  }
}

function processState(pid: number): string | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
  } catch {
    return null;
  }
}

/** Stops `pid` with SIGSTOP and waits (briefly, busily) until the kernel shows it stopped. */
function freeze(pid: number): void {
  signal(pid, 'SIGSTOP');
  const deadline = Date.now() + 1000;
  while (Date.now() < deadline) {
    const state = processState(pid);
    if (state === null || state === 'T' || state === 'Z') return;
  }
}

/**
 * Freezes `pid` so it cannot spawn more, then SIGKILLs its process group, `pid` itself and every
 * descendant (and their process groups, since supervisord makes each child a group leader).
 * Returns the pids it killed.
 */
export function killTree(pid: number): number[] {
  freeze(pid);
  const descendants = descendantPids(pid);
  signal(-pid, 'SIGKILL');
  signal(pid, 'SIGKILL');
  for (const child of descendants) {
    signal(-child, 'SIGKILL');
    signal(child, 'SIGKILL');
  }
  return [pid, ...descendants];
}

/** The environment variable that marks every process started for one daemon run. */
export const RUN_MARKER_VARIABLE = 'SUPERVISOR_BENCH_RUN';

/**
 * Pids of live processes whose environment carries `RUN_MARKER_VARIABLE=marker` (a daemon passes
 * its environment to its children, so this finds them even after the daemon is gone).
 */
export function markedPids(marker: string): number[] {
  const needle = Buffer.from(`\0${RUN_MARKER_VARIABLE}=${marker}\0`);
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${entry}/environ`)]);
      if (environ.includes(needle)) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** SIGKILLs each pid and its process group. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    signal(-pid, 'SIGKILL');
    signal(pid, 'SIGKILL');
  }
}

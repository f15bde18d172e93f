/**
 * Collects the exit status of children started outside child_process, after each SIGCHLD.
 *
 * It first asks the kernel which children have ended (without reaping them) and reaps those
 * that are ours, so that stopping hundreds of children costs one wait per child. When an ended
 * child is not ours (libuv reaps its own children on the same signal), it falls back to asking
 * for each watched pid, as libuv does; a child of libuv's is never reaped here.
 */
import * as os from 'node:os';
import type { ChildExit } from './ports';

const SIGNAL_NAMES = new Map<number, string>(
  Object.entries(os.constants.signals).map(([name, number]) => [number, name]),
);

/** A raw wait status as exit code or signal name. */
export function decodeWaitStatus(status: number): ChildExit {
  const signal = status & 0x7f;
  if (signal === 0) return { code: (status >> 8) & 0xff, signal: null };
  return { code: null, signal: SIGNAL_NAMES.get(signal) ?? `SIG${signal}` };
}

/** What the reaper needs from the operating system. */
export interface WaitCalls {
  /** -1 while the child runs, else its raw wait status (the child is reaped); throws on ECHILD. */
  reap(pid: number): number;
  /** Some ended, unreaped child's pid (left unreaped), or 0. */
  nextExited(): number;
  /** Calls `callback` after every SIGCHLD. */
  watchChildExits(callback: () => void): void;
  /** Whether that watch keeps the event loop alive. */
  holdEventLoop(hold: boolean): void;
}

export class ChildReaper {
  private readonly watched = new Map<number, (exit: ChildExit) => void>();

  constructor(private readonly calls: WaitCalls) {
    // Listening before the first spawn: a SIGCHLD with no listener would be lost.
    calls.watchChildExits(() => this.collect());
  }

  /** Calls `onExit` once, after `pid` has ended and been reaped. */
  watch(pid: number, onExit: (exit: ChildExit) => void): void {
    // Its SIGCHLD cannot have been handled yet: the handler runs on a later turn of the event
    // loop than the spawn that called this.
    this.watched.set(pid, onExit);
    // A process with running children waits for their exits.
    if (this.watched.size === 1) this.calls.holdEventLoop(true);
  }

  private collect(): void {
    for (;;) {
      const pid = this.calls.nextExited();
      if (pid === 0) return;
      if (!this.watched.has(pid)) break;
      this.reapWatched(pid);
    }
    for (const pid of [...this.watched.keys()]) this.reapWatched(pid);
  }

  private reapWatched(pid: number): void {
    const onExit = this.watched.get(pid);
    if (onExit === undefined) return;
    let exit: ChildExit;
    try {
      const status = this.calls.reap(pid);
      if (status < 0) return;
      exit = decodeWaitStatus(status);
    } catch {
      // No longer our child (reaped elsewhere): it has ended, how is unknown.
      exit = { code: null, signal: null };
    }
    this.watched.delete(pid);
    if (this.watched.size === 0) this.calls.holdEventLoop(false);
    onExit(exit);
  }
}

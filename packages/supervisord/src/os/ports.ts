/**
 * The seam between the process model and the operating system. The real implementation is
 * `node-os.ts`; unit tests use fakes that record calls and let the test fire exits and timers.
 */
import type { Writable } from 'node:stream';

/** Wall-clock time in epoch seconds (fractional) and one-shot timers. */
export interface Clock {
  now(): number;
  /** Calls `callback` once after `seconds`; returns a handle for `cancel`. */
  setTimer(seconds: number, callback: () => void): TimerHandle;
  cancel(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

export interface SpawnRequest {
  /** Absolute or relative path of the executable, already resolved. */
  file: string;
  /** argv[0] as written in the command. */
  argv0: string;
  args: string[];
  env: Record<string, string>;
  cwd: string | null;
  umask: number | null;
  /** Target uid/gid for `user=`, with the user name for supplementary groups; null keeps ours. */
  user: { name: string; uid: number; gid: number } | null;
  /** An fd to use as the child's stdin (FastCGI socket), or null for a pipe. */
  stdinFd: number | null;
  /** redirect_stderr: fd 1 and fd 2 of the child share one pipe when possible (then `stderr` is null). */
  mergeStderr: boolean;
}

export interface ChildExit {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  /** Signal name such as `SIGTERM`, or null. */
  signal: string | null;
}

/** The daemon's end of one of a child's output pipes. */
export interface OutputPipe {
  /**
   * Calls `listener` with each chunk read. The chunk is lent: its memory is reused for the next
   * read once the call returns, so a listener copies whatever it keeps.
   */
  onData(listener: (chunk: Buffer) => void): void;
  /** Calls `listener` once, when the pipe has closed (end of file, error or destroy). */
  onClose(listener: () => void): void;
  /** Stops reading and closes the pipe. */
  destroy(): void;
}

export interface ChildHandle {
  readonly pid: number;
  readonly stdin: Writable | null;
  readonly stdout: OutputPipe;
  /** Null when stderr shares the stdout pipe. */
  readonly stderr: OutputPipe | null;
  /** Called once when the child has exited and its pipes have been drained. */
  onExit(listener: (exit: ChildExit) => void): void;
}

/** Result of a spawn attempt: either a child, or the errno-style code of an exec failure. */
export type SpawnOutcome = { ok: true; child: ChildHandle } | { ok: false; code: string; message: string };

export interface OsPort {
  spawn(request: SpawnRequest): SpawnOutcome;
  /** Sends a signal to a pid, or to a process group when `group` is true. Throws errno errors. */
  kill(pid: number, signal: string, group: boolean): void;
}

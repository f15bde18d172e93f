/** The real operating system behind `OsPort` and `Clock`. */
import { execFileSync, spawn as spawnChild, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { ChildExit, ChildHandle, Clock, OsPort, SpawnOutcome, SpawnRequest, TimerHandle } from './ports';

/** Where util-linux `setpriv` lives, used to switch uid, gid and supplementary groups. */
export function findSetpriv(): string | null {
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv', '/usr/sbin/setpriv', '/sbin/setpriv']) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // try the next location
    }
  }
  return null;
}

/**
 * One pipe for fd 1 and fd 2 of a child (redirect_stderr), so that stdout and stderr bytes keep
 * the order in which the child wrote them. Node has no pipe(): a FIFO opened at both ends and
 * unlinked at once gives the same pair of descriptors.
 */
function mergedOutputPipe(): { readFd: number; writeFd: number } {
  const fifo = path.join(os.tmpdir(), `supervisord-${process.pid}-${randomBytes(6).toString('hex')}.fifo`);
  execFileSync('mkfifo', ['-m', '600', fifo], { stdio: 'ignore' });
  try {
    const readFd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      return { readFd, writeFd: fs.openSync(fifo, fs.constants.O_WRONLY) };
    } catch (error) {
      fs.closeSync(readFd);
      throw error;
    }
  } finally {
    fs.rmSync(fifo, { force: true });
  }
}

/** How long output still arriving after an exit is waited for (grandchildren may hold the pipes). */
const DRAIN_AFTER_EXIT_MS = 50;

class NodeChild implements ChildHandle {
  private exit: ChildExit | null = null;
  private readonly listeners: Array<(exit: ChildExit) => void> = [];

  constructor(
    private readonly child: ChildProcess,
    readonly stdout: Readable,
    readonly stderr: Readable | null,
  ) {
    child.stdin?.on('error', () => {
      // EPIPE after the child closed its stdin: reported by the next write.
    });
    const streams = stderr ? [stdout, stderr] : [stdout];
    let open = streams.length;
    let exitSeen: ChildExit | null = null;
    let settled = false;
    let drainTimer: NodeJS.Timeout | null = null;
    const settle = (): void => {
      if (settled || exitSeen === null) return;
      settled = true;
      if (drainTimer) clearTimeout(drainTimer);
      this.exit = exitSeen;
      for (const listener of this.listeners) listener(exitSeen);
    };
    for (const stream of streams) {
      stream.once('close', () => {
        open -= 1;
        if (open === 0) settle();
      });
    }
    child.on('exit', (code, signal) => {
      exitSeen = { code, signal };
      if (open === 0) settle();
      else drainTimer = setTimeout(settle, DRAIN_AFTER_EXIT_MS);
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }
  get stdin() {
    return this.child.stdin;
  }

  onExit(listener: (exit: ChildExit) => void): void {
    if (this.exit) listener(this.exit);
    else this.listeners.push(listener);
  }
}

export class NodeOs implements OsPort {
  constructor(private readonly setprivPath: string | null = findSetpriv()) {}

  spawn(request: SpawnRequest): SpawnOutcome {
    let file = request.file;
    let args = request.args;
    let argv0 = request.argv0;
    if (request.user !== null) {
      if (this.setprivPath === null) {
        return { ok: false, code: 'ENOSYS', message: 'setpriv is not installed' };
      }
      args = [
        `--reuid=${request.user.uid}`,
        `--regid=${request.user.gid}`,
        '--init-groups',
        '--',
        request.file,
        ...request.args,
      ];
      file = this.setprivPath;
      argv0 = this.setprivPath;
    }
    let merged: { readFd: number; writeFd: number } | null = null;
    if (request.mergeStderr) {
      try {
        merged = mergedOutputPipe();
      } catch {
        // No FIFO possible (no mkfifo, no writable temp dir): two pipes, merged as they are read.
        merged = null;
      }
    }
    const stdio: StdioOptions = merged
      ? [request.stdinFd ?? 'pipe', merged.writeFd, merged.writeFd]
      : [request.stdinFd ?? 'pipe', 'pipe', 'pipe'];
    const previousUmask = request.umask !== null ? process.umask(request.umask) : null;
    let child: ChildProcess;
    try {
      child = spawnChild(file, args, {
        argv0,
        env: request.env,
        cwd: request.cwd ?? undefined,
        stdio,
        detached: true,
      });
    } catch (error) {
      if (merged) {
        fs.closeSync(merged.readFd);
        fs.closeSync(merged.writeFd);
      }
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      return { ok: false, code, message: (error as Error).message };
    } finally {
      if (previousUmask !== null) process.umask(previousUmask);
    }
    // Only the child keeps the write end: its exit is then the end of the merged stream.
    if (merged) fs.closeSync(merged.writeFd);
    if (child.pid === undefined) {
      if (merged) fs.closeSync(merged.readFd);
      let code = 'EUNKNOWN';
      child.once('error', () => {
        // reported synchronously below with our best knowledge
      });
      try {
        fs.accessSync(file, fs.constants.X_OK);
        code = 'ENOEXEC';
      } catch (error) {
        code = (error as NodeJS.ErrnoException).code ?? code;
      }
      return { ok: false, code, message: `spawn ${file} ${code}` };
    }
    if (merged) {
      const output = new net.Socket({ fd: merged.readFd, readable: true, writable: false });
      return { ok: true, child: new NodeChild(child, output, null) };
    }
    return { ok: true, child: new NodeChild(child, child.stdout!, child.stderr!) };
  }

  kill(pid: number, signal: string, group: boolean): void {
    process.kill(group ? -pid : pid, signal as NodeJS.Signals);
  }
}

export class NodeClock implements Clock {
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now() / 1000;
  }

  setTimer(seconds: number, callback: () => void): TimerHandle {
    const id = this.nextId++;
    const timeout = setTimeout(
      () => {
        this.timers.delete(id);
        callback();
      },
      Math.max(0, Math.ceil(seconds * 1000)),
    );
    this.timers.set(id, timeout);
    return { id };
  }

  cancel(handle: TimerHandle): void {
    const timeout = this.timers.get(handle.id);
    if (timeout) {
      clearTimeout(timeout);
      this.timers.delete(handle.id);
    }
  }
}

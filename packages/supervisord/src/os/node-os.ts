/** The real operating system behind `OsPort` and `Clock`. */
import { execFile, execFileSync, spawn as spawnChild, type ChildProcess, type StdioOptions } from 'node:child_process';
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
 *
 * Starting `mkfifo` once per spawn would cost more than the spawn itself during a big start, so
 * pipes are made ahead of need: one `mkfifo` run makes several FIFOs in a private directory, both
 * ends of each are opened, and the directory is removed again at once. When the stock is empty,
 * a run makes four times as many pipes as the previous one, up to `MAX_PIPE_BATCH`. When fewer
 * than `LOW_PIPE_STOCK` are left, a few more are made in the background, so that a single
 * restart does not wait for `mkfifo`. After `PIPE_IDLE_MS` without a spawn, spare pipes beyond
 * `FIRST_PIPE_BATCH` are closed. The descriptors are close-on-exec: no child inherits a spare.
 */
const FIRST_PIPE_BATCH = 4;
const MAX_PIPE_BATCH = 64;
const LOW_PIPE_STOCK = 2;
const PIPE_IDLE_MS = 1000;

interface PipeEnds {
  readFd: number;
  writeFd: number;
}

function openFifo(fifo: string): PipeEnds {
  const readFd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    return { readFd, writeFd: fs.openSync(fifo, fs.constants.O_WRONLY) };
  } catch (error) {
    fs.closeSync(readFd);
    throw error;
  }
}

function closePipe(pipe: PipeEnds): void {
  fs.closeSync(pipe.readFd);
  fs.closeSync(pipe.writeFd);
}

class PipeStock {
  private readonly ready: PipeEnds[] = [];
  private batch = FIRST_PIPE_BATCH;
  private idleTimer: NodeJS.Timeout | null = null;
  private toppingUp = false;

  /** A fresh pipe; throws when none can be made. */
  take(): PipeEnds {
    if (this.ready.length === 0) this.refill();
    const pipe = this.ready.pop() as PipeEnds;
    if (this.idleTimer === null) {
      this.idleTimer = setTimeout(() => this.trim(), PIPE_IDLE_MS);
      this.idleTimer.unref();
    } else {
      this.idleTimer.refresh();
    }
    if (this.ready.length < LOW_PIPE_STOCK && !this.toppingUp) {
      this.toppingUp = true;
      // After the spawn that takes this pipe.
      setImmediate(() => this.topUp());
    }
    return pipe;
  }

  private fifoNames(count: number): { dir: string; names: string[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `supervisord-${process.pid}-`));
    return { dir, names: Array.from({ length: count }, (_, index) => path.join(dir, `${index}.fifo`)) };
  }

  private openAll(names: string[]): void {
    for (const name of names) {
      try {
        this.ready.push(openFifo(name));
      } catch (error) {
        // Out of descriptors: the pipes opened so far are enough for now.
        if (this.ready.length === 0) throw error;
        break;
      }
    }
  }

  private refill(): void {
    const { dir, names } = this.fifoNames(this.batch);
    try {
      execFileSync('mkfifo', ['-m', '600', ...names], { stdio: 'ignore' });
      this.openAll(names);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    this.batch = Math.min(this.batch * 4, MAX_PIPE_BATCH);
  }

  /** Makes `FIRST_PIPE_BATCH` more pipes without blocking; failures are left to the next refill. */
  private topUp(): void {
    let made: { dir: string; names: string[] };
    try {
      made = this.fifoNames(FIRST_PIPE_BATCH);
    } catch {
      this.toppingUp = false;
      return;
    }
    execFile('mkfifo', ['-m', '600', ...made.names], (error) => {
      try {
        if (!error) this.openAll(made.names);
      } catch {
        // Nothing opened: the next take() makes pipes itself.
      } finally {
        fs.rmSync(made.dir, { recursive: true, force: true });
        this.toppingUp = false;
      }
    });
  }

  /** Closes spare pipes beyond the first batch once spawning has calmed down. */
  private trim(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    for (const pipe of this.ready.splice(FIRST_PIPE_BATCH)) closePipe(pipe);
    this.batch = FIRST_PIPE_BATCH;
  }
}

const pipeStock = new PipeStock();

function mergedOutputPipe(): PipeEnds {
  return pipeStock.take();
}

/**
 * A child writing in little pieces (a line at a time) would otherwise cost one read() per piece:
 * after a read that got less than `TRICKLE_BYTES`, reading pauses for `READ_PAUSE_MS`, so that
 * the next read collects what was written meanwhile. A paused stream buffers at most one more
 * read (high-water mark of one byte) before it stops reading. Larger reads never pause.
 */
const TRICKLE_BYTES = 4 * 1024;
const READ_PAUSE_MS = 1;

/** The read end of a merged pipe as a stream of chunks, one per read, paced as described above. */
function readMergedOutput(fd: number): net.Socket {
  // net.Socket passes stream options on to Duplex; its typings leave them out.
  const options: net.SocketConstructorOpts & { readableHighWaterMark: number } = {
    fd,
    readable: true,
    writable: false,
    readableHighWaterMark: 1,
  };
  const stream = new net.Socket(options);
  let pauseTimer: NodeJS.Timeout | null = null;
  stream.on('data', (chunk: Buffer) => {
    if (pauseTimer !== null || chunk.length >= TRICKLE_BYTES) return;
    stream.pause();
    pauseTimer = setTimeout(() => {
      pauseTimer = null;
      stream.resume();
    }, READ_PAUSE_MS);
  });
  stream.once('close', () => {
    if (pauseTimer !== null) clearTimeout(pauseTimer);
    pauseTimer = null;
  });
  return stream;
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
      const output = readMergedOutput(merged.readFd);
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

/** Pipes for redirect_stderr children when spawning through child_process (no pipe() in Node). */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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

export interface PipeEnds {
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

export function closePipe(pipe: PipeEnds): void {
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

/** A fresh pipe (read end non-blocking); throws when none can be made. */
export function mergedOutputPipe(): PipeEnds {
  return pipeStock.take();
}


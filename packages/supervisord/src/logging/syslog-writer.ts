import { spawn, type ChildProcess } from 'node:child_process';

export interface SyslogWriterOptions {
  /** The tag in front of every message; supervisord's own name by default. */
  tag?: string;
  /** A unix datagram socket to send to instead of the system's default (`/dev/log`). */
  socketPath?: string;
  /** Told once when messages cannot be delivered (again only after `reopen()`). */
  onError?: (error: Error) => void;
}

/** The util-linux `logger` program, which every Debian-like system has in bsdutils. */
const LOGGER_COMMAND = 'logger';
const MAX_MESSAGE_BYTES = 65536;
/** After a failure, messages are dropped for this long before trying again. */
const RETRY_AFTER_MS = 30_000;

/**
 * Sends messages to syslog at facility user, priority info — what supervisord does with
 * Python's `syslog.syslog(message)`. Node cannot open unix datagram sockets, so one
 * long-lived `logger` process per writer reads the messages line by line from a pipe and
 * forwards each to the socket. A message containing newlines becomes several messages.
 */
export class SyslogWriter {
  private readonly tag: string;
  private readonly socketPath: string | undefined;
  private readonly onError: ((error: Error) => void) | undefined;
  private child: ChildProcess | null = null;
  private failedAt: number | null = null;
  private reported = false;
  private closed = false;

  constructor(opts: SyslogWriterOptions = {}) {
    this.tag = opts.tag ?? 'supervisord';
    this.socketPath = opts.socketPath;
    this.onError = opts.onError;
  }

  send(message: string | Buffer): void {
    if (this.closed) return;
    if (this.failedAt !== null) {
      if (Date.now() - this.failedAt < RETRY_AFTER_MS) return;
      this.failedAt = null;
    }
    const child = this.child ?? this.start();
    if (child === null || child.stdin === null) return;
    const line = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
    const newline = Buffer.from('\n');
    child.stdin.write(line.length > 0 && line[line.length - 1] === 0x0a ? line : Buffer.concat([line, newline]));
  }

  /** Starts over at once after a failure (SIGUSR2), and reports the next failure again. */
  reopen(): void {
    if (this.closed) return;
    this.stop();
    this.failedAt = null;
    this.reported = false;
  }

  close(): void {
    this.closed = true;
    this.stop();
  }

  private start(): ChildProcess | null {
    const args = [
      '--tag',
      this.tag,
      '--priority',
      'user.info',
      '--size',
      String(MAX_MESSAGE_BYTES),
      '--socket-errors=on',
    ];
    if (this.socketPath !== undefined) args.push('--socket', this.socketPath);
    let child: ChildProcess;
    try {
      child = spawn(LOGGER_COMMAND, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return null;
    }
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', (error) => {
      if (this.child === child) this.fail(new Error(`cannot send to syslog: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      const reason = stderr.trim() || `logger exited with ${signal ?? `status ${code}`}`;
      this.fail(new Error(`cannot send to syslog: ${reason}`));
    });
    child.stdin?.on('error', () => {
      // The exit handler reports why the pipe broke.
    });
    // The forwarding process must never keep the daemon alive on its own.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    this.child = child;
    return child;
  }

  private stop(): void {
    const child = this.child;
    this.child = null;
    child?.stdin?.end();
  }

  private fail(error: Error): void {
    this.child = null;
    this.failedAt = Date.now();
    if (this.reported) return;
    this.reported = true;
    this.onError?.(error);
  }
}

let shared: SyslogWriter | null = null;

/** The writer used by the main log and by child channels unless they are given their own. */
export function sharedSyslogWriter(): SyslogWriter {
  shared ??= new SyslogWriter({
    onError: (error) => process.stderr.write(`${error.message}\n`),
  });
  return shared;
}

import type { Logger } from './logger';
import { pythonRepr } from '@supervisor-ts/protocol';
import { decodeUtf8OrRepr } from './decode-utf8';
import { RotatingFile } from './rotating-file';
import { stripAnsi } from './strip-ansi';
import { sharedSyslogWriter, type SyslogWriter } from './syslog-writer';

export type OutputChannelName = 'stdout' | 'stderr';

export interface ChildOutputEvent {
  type:
    | 'PROCESS_LOG_STDOUT'
    | 'PROCESS_LOG_STDERR'
    | 'PROCESS_COMMUNICATION_STDOUT'
    | 'PROCESS_COMMUNICATION_STDERR';
  processName: string;
  groupName: string;
  /** Left out here; whoever owns the process adds it. */
  pid?: number;
  data: Buffer;
}

export interface OutputChannelOptions {
  processName: string;
  groupName: string;
  channel: OutputChannelName;
  /** Resolved log file path (AUTO already turned into a name), or null for none. */
  logfile: string | null;
  maxBytes: number;
  backups: number;
  /** > 0 turns on capture mode (`<!--XSUPERVISOR:BEGIN-->` … `<!--XSUPERVISOR:END-->`). */
  captureMaxBytes: number;
  /** Emit PROCESS_LOG_STDOUT/STDERR for every logged chunk. */
  eventsEnabled: boolean;
  /** Also send every line to syslog as `<processName> <line>`. */
  syslog: boolean;
  stripAnsi: boolean;
  /** The activity log: gets `'name' stdout output:` echoes at DEBG and write failures. */
  logger: Logger;
  onEvent: (event: ChildOutputEvent) => void;
  /** The syslog writer to use; the daemon-wide one by default. */
  syslogWriter?: SyslogWriter;
}

export const BEGIN_TOKEN = Buffer.from('<!--XSUPERVISOR:BEGIN-->', 'latin1');
export const END_TOKEN = Buffer.from('<!--XSUPERVISOR:END-->', 'latin1');
const NEWLINE = 0x0a;

/** Length of the longest proper prefix of `token` that `data` ends with (0 if none). */
function prefixAtEnd(data: Buffer, token: Buffer): number {
  for (let length = Math.min(token.length - 1, data.length); length > 0; length -= 1) {
    if (data.subarray(data.length - length).equals(token.subarray(0, length))) return length;
  }
  return 0;
}

/**
 * Keeps the last `maxBytes`-ish bytes of captured output the way supervisord's bounded buffer
 * does: when appending `n` bytes would exceed the bound, the first `n` bytes are dropped first.
 */
class CaptureBuffer {
  private data: Buffer = Buffer.alloc(0);
  constructor(private readonly maxBytes: number) {}
  append(chunk: Buffer): void {
    const base = this.data.length + chunk.length > this.maxBytes ? this.data.subarray(chunk.length) : this.data;
    this.data = Buffer.concat([base, chunk]);
  }
  take(): Buffer {
    const data = this.data;
    this.data = Buffer.alloc(0);
    return data;
  }
  clear(): void {
    this.data = Buffer.alloc(0);
  }
}

/**
 * One output stream (stdout or stderr) of one child: writes the bytes to the channel's log
 * file and syslog, echoes them to the activity log at DEBG, emits PROCESS_LOG events, and
 * implements capture mode (PROCESS_COMMUNICATION events), as supervisord 4.2.5 does.
 */
export class OutputChannel {
  readonly logPath: string | null;
  private readonly opts: OutputChannelOptions;
  private readonly file: RotatingFile | null;
  private readonly syslogWriter: SyslogWriter | null;
  private readonly capture: CaptureBuffer | null;
  private readonly echoPrefix: string;
  private capturing = false;
  /** Bytes held back while looking for a capture token. */
  private pending: Buffer = Buffer.alloc(0);
  private closed = false;

  /** Opens the log file (append); throws when it cannot be opened, like a failed spawn. */
  constructor(opts: OutputChannelOptions) {
    this.opts = opts;
    this.logPath = opts.logfile;
    this.file =
      opts.logfile === null
        ? null
        : new RotatingFile(opts.logfile, {
            maxBytes: opts.maxBytes,
            backups: opts.backups,
            holdWrites: true,
            onError: (error) => opts.logger.error(`cannot write to log file ${opts.logfile}: ${error.message}`),
          });
    this.syslogWriter = opts.syslog ? (opts.syslogWriter ?? sharedSyslogWriter()) : null;
    this.capture = opts.captureMaxBytes > 0 ? new CaptureBuffer(opts.captureMaxBytes) : null;
    this.echoPrefix = `${pythonRepr(opts.processName)} ${opts.channel} output:\n`;
  }

  /** Handles one chunk read from the child's pipe; the chunk is lent (copied where kept). */
  write(chunk: Buffer): void {
    if (this.closed) return;
    if (this.capture === null) {
      this.record(chunk);
      return;
    }
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    this.scanPending(false);
  }

  /** SIGUSR2: reopen the log file in append mode. */
  reopen(): void {
    this.file?.reopen();
    this.syslogWriter?.reopen();
  }

  /** clearProcessLogs: remove the log file and start a new empty one; also drops captured bytes. */
  clear(): void {
    this.capture?.clear();
    this.file?.clear();
  }

  /**
   * The child's pipe has ended: bytes still held back while looking for a token are logged
   * (upstream drops them), then the file is closed.
   */
  close(): void {
    if (this.closed) return;
    if (this.capture !== null) this.scanPending(true);
    this.closed = true;
    this.file?.close();
  }

  private scanPending(final: boolean): void {
    for (;;) {
      const token = this.capturing ? END_TOKEN : BEGIN_TOKEN;
      if (this.pending.length <= token.length && !final) return;
      if (this.pending.length === 0) return;
      const data = this.pending;
      const at = data.indexOf(token);
      if (at === -1) {
        const held = final ? 0 : prefixAtEnd(data, token);
        this.pending = held > 0 ? data.subarray(data.length - held) : Buffer.alloc(0);
        this.record(held > 0 ? data.subarray(0, data.length - held) : data);
        return;
      }
      this.record(data.subarray(0, at));
      this.pending = data.subarray(at + token.length);
      this.toggleCapture();
      if (this.pending.length === 0) return;
    }
  }

  private toggleCapture(): void {
    this.capturing = !this.capturing;
    if (this.capturing || this.capture === null) return;
    const { processName, groupName, channel } = this.opts;
    this.opts.onEvent({
      type: channel === 'stdout' ? 'PROCESS_COMMUNICATION_STDOUT' : 'PROCESS_COMMUNICATION_STDERR',
      processName,
      groupName,
      data: this.capture.take(),
    });
    this.opts.logger.debug(`${pythonRepr(processName)} ${channel} emitted a comm event`);
  }

  /** Everything supervisord does with one piece of output outside the token search. */
  private record(raw: Buffer): void {
    if (raw.length === 0) return;
    // As upstream, a chunk that was nothing but escape sequences still counts as output.
    const data = this.opts.stripAnsi ? stripAnsi(raw) : raw;
    if (this.capturing && this.capture !== null) {
      this.capture.append(data);
    } else {
      this.file?.write(data);
      if (this.syslogWriter !== null) this.sendToSyslog(data);
    }
    const { logger, processName, groupName, channel } = this.opts;
    if (logger.isEnabledFor('DEBG')) logger.debug(this.echoPrefix + decodeUtf8OrRepr(data));
    if (this.opts.eventsEnabled) {
      this.opts.onEvent({
        type: channel === 'stdout' ? 'PROCESS_LOG_STDOUT' : 'PROCESS_LOG_STDERR',
        processName,
        groupName,
        data: Buffer.from(data),
      });
    }
  }

  private sendToSyslog(data: Buffer): void {
    let end = data.length;
    while (end > 0 && data[end - 1] === NEWLINE) end -= 1;
    const prefix = Buffer.from(`${this.opts.processName} `, 'utf8');
    let start = 0;
    for (;;) {
      const newline = data.indexOf(NEWLINE, start);
      const lineEnd = newline === -1 || newline > end ? end : newline;
      this.syslogWriter?.send(Buffer.concat([prefix, data.subarray(start, lineEnd)]));
      if (lineEnd >= end) return;
      start = lineEnd + 1;
    }
  }
}

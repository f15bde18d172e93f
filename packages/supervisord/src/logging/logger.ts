import * as fs from 'node:fs';

import type { LogLevelName, SupervisordConfig } from '../config/types';
import { LOG_LEVEL_NUMBERS, toLevelNumber } from './log-levels';
import { RotatingFile } from './rotating-file';
import { sharedSyslogWriter, type SyslogWriter } from './syslog-writer';

/** A place the main log is written to. */
interface LogSink {
  emit(asctime: string, levelName: LogLevelName, message: string): void;
  reopen(): void;
  close(): void;
}

function formatLine(asctime: string, levelName: LogLevelName, message: string): string {
  return `${asctime} ${levelName} ${message}\n`;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `YYYY-MM-DD HH:MM:SS,mmm` in local time, milliseconds truncated. */
export function formatLogTime(date: Date): string {
  const ms = date.getMilliseconds();
  return (
    `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())} ` +
    `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())},` +
    `${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}`
  );
}

class FileSink implements LogSink {
  constructor(readonly file: RotatingFile) {}
  emit(asctime: string, levelName: LogLevelName, message: string): void {
    this.file.write(formatLine(asctime, levelName, message));
  }
  reopen(): void {
    this.file.reopen();
  }
  close(): void {
    this.file.close();
  }
}

/** supervisord's echo of its log to its own standard output (nodaemon, not silent). */
class StdoutSink implements LogSink {
  private broken = false;
  constructor(private readonly fd: number) {}
  emit(asctime: string, levelName: LogLevelName, message: string): void {
    if (this.broken) return;
    const bytes = Buffer.from(formatLine(asctime, levelName, message), 'utf8');
    let offset = 0;
    let retries = 0;
    while (offset < bytes.length) {
      try {
        offset += fs.writeSync(this.fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' && retries < 1000) {
          retries += 1;
          continue;
        }
        // Nobody reads our standard output any more (EPIPE) or it is unusable: stop echoing.
        if (code === 'EPIPE' || code === 'EBADF') this.broken = true;
        return;
      }
    }
  }
  reopen(): void {}
  close(): void {}
}

/** `logfile=syslog`: every line of a message is its own syslog message, in the log line format. */
class SyslogSink implements LogSink {
  constructor(private readonly writer: SyslogWriter) {}
  emit(asctime: string, levelName: LogLevelName, message: string): void {
    for (const line of message.replace(/\n+$/, '').split('\n')) {
      this.writer.send(formatLine(asctime, levelName, line));
    }
  }
  reopen(): void {
    this.writer.reopen();
  }
  close(): void {}
}

export interface LoggerOptions {
  /** Messages below this level are dropped: a level name (`INFO`), a `loglevel=` word, or a number. */
  level: LogLevelName | string | number;
  /** The log file, rotated as upstream's activity log; null for none. */
  file?: { path: string; maxBytes: number; backups: number } | null;
  /** Also write every line to standard output (true) or to this file descriptor. */
  stdout?: boolean | number;
  /** Send every line to syslog through this writer. */
  syslog?: SyslogWriter | null;
  /** Told when the log file cannot be written (once per failure episode). */
  onError?: (error: Error) => void;
  /** The clock; tests may pin it. */
  now?: () => Date;
}

function reportToStderr(error: Error): void {
  try {
    fs.writeSync(2, `supervisord log: ${error.message}\n`);
  } catch {
    // Nowhere left to report to.
  }
}

/**
 * supervisord's activity log: `2024-05-06 07:08:09,123 INFO message` lines, filtered by level,
 * to a rotating file, to syslog, and to standard output when running in the foreground.
 */
export class Logger {
  /** The log file, or null when logging to syslog only or nowhere. */
  readonly path: string | null;
  /** The configured level number; messages with a smaller number are dropped. */
  readonly level: number;
  private readonly sinks: LogSink[] = [];
  private readonly file: RotatingFile | null;
  private readonly now: () => Date;

  constructor(opts: LoggerOptions) {
    this.level = toLevelNumber(opts.level);
    this.now = opts.now ?? (() => new Date());
    if (opts.stdout !== undefined && opts.stdout !== false) {
      this.sinks.push(new StdoutSink(opts.stdout === true ? 1 : opts.stdout));
    }
    if (opts.file) {
      this.file = new RotatingFile(opts.file.path, {
        maxBytes: opts.file.maxBytes,
        backups: opts.file.backups,
        onError: opts.onError ?? reportToStderr,
      });
      this.sinks.push(new FileSink(this.file));
      this.path = opts.file.path;
    } else {
      this.file = null;
      this.path = null;
    }
    if (opts.syslog) this.sinks.push(new SyslogSink(opts.syslog));
  }

  /** Whether a message at this level would be written. */
  isEnabledFor(levelName: LogLevelName): boolean {
    return LOG_LEVEL_NUMBERS[levelName] >= this.level;
  }

  critical(msg: string): void {
    this.log('CRIT', msg);
  }
  error(msg: string): void {
    this.log('ERRO', msg);
  }
  warn(msg: string): void {
    this.log('WARN', msg);
  }
  info(msg: string): void {
    this.log('INFO', msg);
  }
  debug(msg: string): void {
    this.log('DEBG', msg);
  }
  trace(msg: string): void {
    this.log('TRAC', msg);
  }
  blather(msg: string): void {
    this.log('BLAT', msg);
  }

  log(levelName: LogLevelName, msg: string): void {
    if (!this.isEnabledFor(levelName)) return;
    const asctime = formatLogTime(this.now());
    for (const sink of this.sinks) sink.emit(asctime, levelName, msg);
  }

  /** SIGUSR2: close and reopen the log file (for an outside logrotate). */
  reopen(): void {
    for (const sink of this.sinks) sink.reopen();
  }

  /**
   * RPC `clearLog`: removes the log file and starts a new empty one (backups stay).
   * Throws when there is no log file or it cannot be removed. As upstream, a
   * `reopening log file` line is logged per reopened destination, but not into the new file.
   */
  clear(): void {
    if (this.file === null) throw new Error('no log file');
    this.file.clear();
    if (!this.isEnabledFor('INFO')) return;
    const asctime = formatLogTime(this.now());
    const elsewhere = this.sinks.filter((sink) => !(sink instanceof FileSink));
    for (let reopened = 0; reopened < this.sinks.length; reopened += 1) {
      for (const sink of elsewhere) sink.emit(asctime, 'INFO', 'reopening log file');
    }
  }

  close(): void {
    for (const sink of this.sinks) sink.close();
  }
}

/** The activity log as supervisord sets it up from `[supervisord]` (after dropping privileges). */
export function createMainLogger(
  config: SupervisordConfig,
  opts: {
    nodaemon: boolean;
    silent: boolean;
    /** Where the foreground echo goes; file descriptor 1 by default. */
    stdoutFd?: number;
    /** The syslog writer for `logfile=syslog`; the daemon-wide one by default. */
    syslog?: SyslogWriter;
  },
): Logger {
  const toSyslog = config.logfile === 'syslog';
  return new Logger({
    level: config.loglevel,
    stdout: opts.nodaemon && !opts.silent ? (opts.stdoutFd ?? 1) : false,
    file: toSyslog
      ? null
      : { path: config.logfile, maxBytes: config.logfile_maxbytes, backups: config.logfile_backups },
    syslog: toSyslog ? (opts.syslog ?? sharedSyslogWriter()) : null,
  });
}

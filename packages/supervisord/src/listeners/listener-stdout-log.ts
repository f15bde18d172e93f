/**
 * Where an event listener's stdout goes besides its pool: the bytes exactly as the listener
 * wrote them (protocol included, e.g. `READY\nRESULT 2\nOKREADY\n`) appended to its
 * `stdout_logfile`, as 4.2.5 does. No capture mode, no PROCESS_LOG events, no DEBG echo (the
 * pool writes that one).
 */
import { RotatingFile } from '../logging/rotating-file';
import { stripAnsi } from '../logging/strip-ansi';
import type { OutputSink } from '../process/subprocess';

export interface ListenerStdoutLogOptions {
  /** Resolved path (AUTO already turned into a name). */
  logfile: string;
  maxBytes: number;
  backups: number;
  /** `[supervisord] strip_ansi`. */
  stripAnsi: boolean;
  /** Told about write, rollover and reopen failures. */
  onError: (error: Error) => void;
}

export class ListenerStdoutLog implements OutputSink {
  readonly logPath: string;
  private readonly file: RotatingFile;
  private closed = false;

  /** Opens the file for appending; throws when it cannot be opened (the spawn then fails). */
  constructor(private readonly options: ListenerStdoutLogOptions) {
    this.logPath = options.logfile;
    this.file = new RotatingFile(options.logfile, {
      maxBytes: options.maxBytes,
      backups: options.backups,
      onError: options.onError,
    });
  }

  write(chunk: Buffer): void {
    if (this.closed || chunk.length === 0) return;
    this.file.write(this.options.stripAnsi ? stripAnsi(chunk) : chunk);
  }

  reopen(): void {
    this.file.reopen();
  }

  clear(): void {
    this.file.clear();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.close();
  }
}

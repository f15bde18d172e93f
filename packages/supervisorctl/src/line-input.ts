import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { Writable } from 'node:stream';

/** Stdout seen through a switch, so that typed secrets are not echoed by readline. */
class SwitchableOutput extends Writable {
  muted = false;

  constructor(private readonly target: NodeJS.WriteStream) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.muted) this.target.write(chunk);
    callback();
  }

  get columns(): number | undefined {
    return this.target.columns;
  }

  get rows(): number | undefined {
    return this.target.rows;
  }

  get isTTY(): boolean {
    return this.target.isTTY === true;
  }
}

export type Completer = (line: string) => Promise<[string[], string]>;

export interface LineInputOptions {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  completer?: Completer;
  /** Lines to recall with the arrow keys, oldest first. */
  history?: string[];
}

/**
 * Lines typed at a terminal (with editing, history and Tab completion) or piped in (no echo).
 * A line that arrives while nobody is reading waits in a queue.
 */
export class LineInput {
  readonly terminal: boolean;
  private readonly rl: readline.Interface;
  private readonly output: SwitchableOutput;
  private readonly queue: string[] = [];
  private waiter: ((line: string | null) => void) | null = null;
  private closed = false;
  private pendingReads = 0;
  private interruptHandler: () => void = () => undefined;

  constructor(private readonly options: LineInputOptions) {
    this.terminal = options.input.isTTY === true && options.output.isTTY === true;
    this.output = new SwitchableOutput(options.output);
    const completer = options.completer;
    this.rl = readline.createInterface({
      input: options.input,
      output: this.terminal ? this.output : undefined,
      terminal: this.terminal,
      historySize: 100000,
      history: [...(options.history ?? [])].reverse(),
      removeHistoryDuplicates: false,
      completer:
        completer === undefined
          ? undefined
          : (line: string, callback: (error: Error | null, result: [string[], string]) => void) => {
              completer(line).then(
                (result) => callback(null, result),
                () => callback(null, [[], line]),
              );
            },
    });
    this.rl.on('line', (line) => {
      if (this.waiter !== null) {
        const resolve = this.waiter;
        this.waiter = null;
        resolve(line);
      } else {
        this.queue.push(line);
      }
    });
    this.rl.on('close', () => {
      this.closed = true;
      if (this.waiter !== null) {
        const resolve = this.waiter;
        this.waiter = null;
        resolve(null);
      }
    });
    this.rl.on('SIGINT', () => this.interruptHandler());
  }

  /** What to do on Ctrl-C typed at the terminal. */
  onInterrupt(handler: () => void): void {
    this.interruptHandler = handler;
  }

  /** Shows the prompt and resolves with the next line, or null at end of input / on abort. */
  read(prompt: string, signal?: AbortSignal): Promise<string | null> {
    if (this.terminal) {
      this.rl.setPrompt(prompt);
      if (prompt !== '') this.rl.prompt();
    } else if (prompt !== '') {
      this.options.output.write(prompt);
    }
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(null);
    if (signal?.aborted) return Promise.resolve(null);
    this.pendingReads += 1;
    return new Promise<string | null>((resolve) => {
      const onAbort = (): void => {
        if (this.waiter === settle) this.waiter = null;
        if (this.terminal && this.rl.line !== '') this.rl.write(null, { ctrl: true, name: 'u' });
        resolve(null);
      };
      const settle = (line: string | null): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(line);
      };
      this.waiter = settle;
      signal?.addEventListener('abort', onAbort, { once: true });
    }).finally(() => {
      this.pendingReads -= 1;
    });
  }

  /** True while someone waits for a line (readline holds the terminal in raw mode then). */
  get reading(): boolean {
    return this.pendingReads > 0;
  }

  /** Reads a line without echo (on a terminal); prints the newline the user typed. */
  async readSecret(prompt: string): Promise<string | null> {
    if (!this.terminal) return this.read(prompt);
    this.options.output.write(prompt);
    this.rl.setPrompt('');
    this.output.muted = true;
    try {
      return await this.read('');
    } finally {
      this.output.muted = false;
      this.options.output.write('\n');
    }
  }

  /** Lines entered at the terminal, oldest first. */
  history(): string[] {
    if (!this.terminal) return [...(this.options.history ?? [])];
    const lines = (this.rl as unknown as { history?: string[] }).history ?? [];
    return [...lines].reverse();
  }

  close(): void {
    this.rl.close();
  }
}

/** Reads a readline history file (one entry per line); a missing file is an empty history. */
export function loadHistory(file: string): string[] {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && line !== '_HiStOrY_V2_');
  } catch {
    return [];
  }
}

export function saveHistory(file: string, lines: readonly string[]): void {
  try {
    fs.writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
  } catch {
    // Like upstream: a history file that cannot be written is silently skipped.
  }
}

/**
 * Drives a command in a real pseudo-terminal (node-pty), one keystroke chunk at a time, waiting
 * for expected output between steps.
 */
import { stripVTControlCharacters } from 'node:util';
import * as pty from 'node-pty';
import { waitFor } from './ctl-runner';

export class TerminalSession {
  private raw = '';
  private readonly terminal: pty.IPty;
  private exited = false;
  readonly closed: Promise<number | null>;

  constructor(argv: readonly string[], cwd?: string) {
    const [file, ...args] = argv;
    this.terminal = pty.spawn(file, args, {
      name: 'xterm',
      cols: 200,
      rows: 40,
      cwd: cwd ?? process.cwd(),
      env: { ...process.env, LANG: 'C.UTF-8', TERM: 'xterm' } as Record<string, string>,
    });
    this.terminal.onData((chunk) => (this.raw += chunk));
    this.closed = new Promise((resolve) =>
      this.terminal.onExit(({ exitCode, signal }) => {
        this.exited = true;
        resolve(signal ? null : exitCode);
      }),
    );
  }

  /** What the terminal showed, without control sequences and bells, with plain `\n` line ends. */
  get text(): string {
    return stripVTControlCharacters(this.raw).replace(/\u0007/g, '').replace(/\r+\n/g, '\n');
  }

  /** Waits until the screen text contains `expected` `times` times. */
  async waitForText(expected: string, times = 1, timeoutMs = 10000): Promise<void> {
    await waitFor(`${JSON.stringify(expected)} x${times} on the terminal; got ${JSON.stringify(this.text)}`,
      () => this.text.split(expected).length - 1 >= times, timeoutMs);
  }

  /** Types keys, one chunk per key so readline does not take them for a paste. */
  type(keys: string): void {
    for (const key of keys.match(/\u001b\[[A-D]|[\s\S]/g) ?? []) this.terminal.write(key);
  }

  async finish(timeoutMs = 10000): Promise<number | null> {
    const timer = setTimeout(() => this.kill(), timeoutMs);
    try {
      return await this.closed;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (!this.exited) this.terminal.kill('SIGKILL');
  }
}

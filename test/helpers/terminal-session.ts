/**
 * Drives a command in a real pseudo-terminal through util-linux `script`, one keystroke chunk at a
 * time, waiting for expected output between steps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { waitFor } from './ctl-runner';

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export class TerminalSession {
  private raw = '';
  private readonly child: ChildProcess;
  readonly closed: Promise<number | null>;

  constructor(argv: readonly string[], cwd?: string) {
    const command = `stty cols 200; exec ${argv.map(shellQuote).join(' ')}`;
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LANG: 'C.UTF-8', TERM: 'xterm' },
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.closed = new Promise((resolve) => this.child.on('close', (status) => resolve(status)));
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
    for (const key of keys.match(/\u001b\[[A-D]|[\s\S]/g) ?? []) this.child.stdin?.write(key);
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
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/**
 * Runs the built supervisord (`packages/supervisord/bin/supervisord.js -n -c <conf>`) in a temp
 * dir for end-to-end tests. Observes it through its activity log echoed on stdout. `stop()` sends
 * SIGTERM, waits, then kills whatever is left of the daemon, its process group and every
 * descendant it was seen to have.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SUPERVISORD_BIN = path.resolve(__dirname, '../../packages/supervisord/bin/supervisord.js');

export interface OurSupervisordOptions {
  /** Full INI text; `{{dir}}` is replaced by the temp dir. */
  conf: string;
  /** Extra command-line arguments after `-n -c <conf>`. */
  args?: string[];
  /** Environment of the daemon (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** A command that execs the daemon, e.g. `['prlimit', '--nofile=100:200', '--']` (same pid). */
  prefix?: string[];
}

export interface OurSupervisord {
  dir: string;
  configPath: string;
  pid: number;
  child: ChildProcess;
  /** Everything the daemon wrote to stdout and stderr so far. */
  output(): string;
  waitForLog(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code once the daemon has exited. */
  waitForExit(timeoutMs?: number): Promise<number | null>;
  stop(): Promise<void>;
}

/** Polls `check` every 25 ms until it returns a value other than undefined/false, or fails at the deadline. */
export async function waitUntil<T>(
  what: string,
  check: () => T | undefined | false | null,
  timeoutMs = 10000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every live descendant of `pid`, read from /proc. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parents) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Whether a pid is alive and not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export async function startOurSupervisord(options: OurSupervisordOptions): Promise<OurSupervisord> {
  if (!fs.existsSync(path.resolve(__dirname, '../../packages/supervisord/dist/main.js'))) {
    throw new Error('packages/supervisord is not built: run `npx tsc -b` first');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'our-svd-'));
  const configPath = path.join(dir, 'supervisord.conf');
  fs.writeFileSync(configPath, options.conf.replaceAll('{{dir}}', dir));
  const argv = [process.execPath, SUPERVISORD_BIN, '-n', '-c', configPath, ...(options.args ?? [])];
  const [file, ...args] = [...(options.prefix ?? []), ...argv];
  const child = spawn(file, args, {
    cwd: dir,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start supervisord');
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  let exitCode: number | null | undefined;
  let closed = false;
  child.on('exit', (code) => (exitCode = code));
  child.on('close', () => (closed = true));
  const seen = new Set<number>();
  const track = setInterval(() => {
    if (exitCode === undefined) for (const descendant of descendantsOf(pid)) seen.add(descendant);
  }, 50);

  const waitForExit = async (timeoutMs = 10000): Promise<number | null> => {
    await waitUntil('supervisord to exit', () => exitCode !== undefined, timeoutMs);
    return exitCode ?? null;
  };

  const stop = async (): Promise<void> => {
    clearInterval(track);
    if (exitCode === undefined) {
      for (const descendant of descendantsOf(pid)) seen.add(descendant);
      killQuietly(pid, 'SIGTERM');
      try {
        await waitForExit(15000);
      } catch {
        killQuietly(pid, 'SIGKILL');
      }
    }
    killQuietly(-pid, 'SIGKILL');
    for (const descendant of seen) if (isAlive(descendant)) killQuietly(descendant, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };

  return {
    dir,
    configPath,
    pid,
    child,
    output: () => text,
    waitForLog: (pattern, timeoutMs = 10000) =>
      waitUntil(
        `log ${String(pattern)}`,
        () => {
          const found = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
          if (found) return text;
          if (closed) throw new Error(`supervisord exited (${exitCode}) before logging ${String(pattern)}`);
          return undefined;
        },
        timeoutMs,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- supervisord output ---\n${text}`);
      }),
    waitForExit,
    stop,
  };
}

/**
 * Runs a supervisorctl (ours, built, or the real 4.2.5 one) as a child process and collects what it
 * printed, for byte-for-byte comparisons.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REAL_SUPERVISORCTL = '/usr/bin/supervisorctl';
export const OUR_SUPERVISORCTL = path.resolve(__dirname, '../../packages/supervisorctl/bin/supervisorctl.js');

export type CtlKind = 'real' | 'ours';

export interface CtlResult {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

export interface CtlRunOptions {
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

/** The argv to start one supervisorctl kind (fails loudly when the real one is missing). */
export function ctlCommand(kind: CtlKind): string[] {
  if (kind === 'real') {
    if (!fs.existsSync(REAL_SUPERVISORCTL)) throw new Error(`${REAL_SUPERVISORCTL} is not installed`);
    return [REAL_SUPERVISORCTL];
  }
  if (!fs.existsSync(path.resolve(OUR_SUPERVISORCTL, '../../dist/main.js'))) {
    throw new Error('packages/supervisorctl is not built (run npx tsc -b)');
  }
  return [process.execPath, OUR_SUPERVISORCTL];
}

export function spawnCtl(kind: CtlKind, args: readonly string[], cwd?: string): ChildProcess {
  const [command, ...prefix] = ctlCommand(kind);
  return spawn(command, [...prefix, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C.UTF-8', PYTHONUNBUFFERED: '1' } });
}

export function runCtl(kind: CtlKind, args: readonly string[], options: CtlRunOptions = {}): Promise<CtlResult> {
  const child = spawnCtl(kind, args, options.cwd);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin?.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} supervisorctl ${args.join(' ')} did not finish; output so far: ${stdout}${stderr}`));
    }, options.timeoutMs ?? 20000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status, signal });
    });
  });
}

/** Hides what differs between two runs by nature: pids, uptimes, stop times, Python file/line. */
export function maskVolatile(text: string): string {
  return text
    .replace(/pid \d+, uptime [\d:, a-z]+/g, 'pid <pid>, uptime <uptime>')
    .replace(/^\d+$/gm, '<number>')
    .replace(/[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M/g, '<date>')
    .replace(/: file: .* line: \d+$/gm, ': file: <file> line: <n>');
}

/** Polls `check` every 50 ms until it returns true or the deadline passes. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

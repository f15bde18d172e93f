/**
 * Going to the background without `-n`. Node cannot fork, so the daemon starts itself again
 * detached (a new session, no terminal, stdio on /dev/null). The foreground process waits until
 * the background copy reports that it runs (exit 0) or why it could not start (its error is
 * printed here, exit 2), so startup errors still reach the terminal.
 */
import { spawn } from 'node:child_process';

export const DAEMONIZED_ENV = 'SUPERVISORD_TS_DAEMONIZED';

type StartupReport = { ready: true } | { error: string };

/** True in the background copy; the marker is removed so that children do not inherit it. */
export function isDaemonizedChild(): boolean {
  const marked = process.env[DAEMONIZED_ENV] === '1';
  delete process.env[DAEMONIZED_ENV];
  return marked;
}

/** Starts the background copy with the same arguments; resolves to the foreground's exit code. */
export function spawnDaemonCopy(): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: { ...process.env, [DAEMONIZED_ENV]: '1' },
  });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (code: number, error?: string): void => {
      if (settled) return;
      settled = true;
      if (error !== undefined) process.stderr.write(`Error: ${error}\n`);
      if (child.connected) child.disconnect();
      child.unref();
      resolve(code);
    };
    child.on('message', (report: StartupReport) => {
      if ('ready' in report) finish(0);
      else finish(2, report.error);
    });
    child.once('error', (error) => finish(2, error.message));
    child.once('close', (code) => finish(2, `supervisord exited with status ${code} while starting`));
  });
}

/** In the background copy: tell the foreground process how startup went, then let it go. */
export function reportStartup(report: StartupReport): void {
  if (!process.connected || !process.send) return;
  process.send(report, () => {
    if (process.connected) process.disconnect();
  });
}

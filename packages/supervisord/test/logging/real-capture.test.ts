import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { OutputChannel } from '../../src/logging/child-output';
import { Logger } from '../../src/logging/logger';
import { useTempDir } from './temp-dir';

// Longer than a token after END: upstream holds back shorter tails until more output comes.
const OUTPUT = 'before<!--XSUPERVISOR:BEGIN-->captured text<!--XSUPERVISOR:END-->after the capture, long enough\n';

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The activity-log messages (level and text) about child output, without timestamps. */
function outputMessages(mainLog: string): string[] {
  return mainLog
    .split(/(?=^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} )/m)
    .map((entry) => entry.replace(/^\S+ \S+ /, ''))
    .filter((entry) => entry.includes("'talker' stdout"));
}

describe('capture mode compared with the real supervisord', () => {
  const tmp = useTempDir('real-capture');
  let daemon: ChildProcess | null = null;

  afterEach(async () => {
    if (daemon?.pid !== undefined && daemon.exitCode === null && daemon.signalCode === null) {
      const exited = new Promise((resolve) => daemon?.once('exit', resolve));
      process.kill(daemon.pid, 'SIGTERM');
      const timer = setTimeout(() => daemon?.pid !== undefined && process.kill(daemon.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    daemon = null;
  });

  it('writes the same child log and the same DEBG messages', async () => {
    const dir = tmp();
    const script = path.join(dir, 'talker.sh');
    fs.writeFileSync(script, `#!/bin/sh\nprintf '${OUTPUT.replace('\n', '\\n')}'\nexec sleep 30\n`, { mode: 0o755 });
    const childLog = path.join(dir, 'talker.log');
    const mainLog = path.join(dir, 'supervisord.log');
    const config = path.join(dir, 'supervisord.conf');
    fs.writeFileSync(
      config,
      `[supervisord]\nlogfile=${mainLog}\npidfile=${path.join(dir, 'pid')}\nchildlogdir=${dir}\nloglevel=debug\n\n` +
        `[program:talker]\ncommand=${script}\nstartsecs=0\nstopwaitsecs=1\n` +
        `stdout_logfile=${childLog}\nstdout_capture_maxbytes=1KB\n`,
    );
    daemon = spawn('/usr/bin/supervisord', ['-n', '-c', config], { cwd: dir, stdio: 'ignore' });
    const realChild = await waitFor('the real child log', () => {
      const text = fs.existsSync(childLog) ? fs.readFileSync(childLog, 'utf8') : '';
      return text.endsWith('\n') ? text : undefined;
    });
    const realMessages = await waitFor('the real DEBG lines', () => {
      const messages = outputMessages(fs.readFileSync(mainLog, 'utf8'));
      return messages.some((m) => m.includes('after the capture')) ? messages : undefined;
    });

    const ourMain = path.join(dir, 'ours-main.log');
    const ourChild = path.join(dir, 'ours-talker.log');
    const logger = new Logger({ level: 'debug', file: { path: ourMain, maxBytes: 0, backups: 0 } });
    const out = new OutputChannel({
      processName: 'talker',
      groupName: 'talker',
      channel: 'stdout',
      logfile: ourChild,
      maxBytes: 0,
      backups: 0,
      captureMaxBytes: 1024,
      eventsEnabled: false,
      syslog: false,
      stripAnsi: false,
      logger,
      onEvent: () => undefined,
    });
    out.write(Buffer.from(OUTPUT));
    out.close();
    logger.close();

    expect(realChild).toBe('beforeafter the capture, long enough\n');
    expect(fs.readFileSync(ourChild, 'utf8')).toBe(realChild);
    expect(realMessages).toEqual([
      "DEBG 'talker' stdout output:\nbefore\n",
      "DEBG 'talker' stdout output:\ncaptured text\n",
      "DEBG 'talker' stdout emitted a comm event\n",
      "DEBG 'talker' stdout output:\nafter the capture, long enough\n\n",
    ]);
    expect(outputMessages(fs.readFileSync(ourMain, 'utf8'))).toEqual(realMessages);
  });
});

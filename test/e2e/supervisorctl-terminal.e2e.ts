/**
 * The interactive shell in a real terminal (util-linux `script`): Tab completion, Ctrl-C, history
 * and the credentials prompt, ours next to the real supervisorctl.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DAEMONS_UNDER_TEST } from '../helpers/daemon-under-test';
import type { RealSupervisord } from '../helpers/real-supervisord';
import { ctlCommand, maskVolatile, type CtlKind } from '../helpers/ctl-runner';
import { TerminalSession } from '../helpers/terminal-session';

const PROGRAMS = `
[program:web]
command=/bin/sh -c "echo web listening on 8080; exec sleep 1000"
startsecs=0

[program:catter]
command=/bin/cat
startsecs=0

[program:worker]
command=/bin/sleep 1000
numprocs=2
process_name=%(program_name)s_%(process_num)s
startsecs=0
`;

const KINDS: readonly CtlKind[] = ['real', 'ours'];

describe.each(DAEMONS_UNDER_TEST)('supervisorctl shell in a terminal against $name', (daemon) => {
  let server: RealSupervisord;
  const sessions: TerminalSession[] = [];

  beforeAll(async () => {
    server = await daemon.start({ programs: PROGRAMS });
  });

  afterEach(() => {
    for (const session of sessions.splice(0)) session.kill();
  });

  afterAll(async () => {
    await server?.stop();
  });

  const open = (kind: CtlKind, args: string[]): TerminalSession => {
    const session = new TerminalSession([...ctlCommand(kind), ...args], server.dir);
    sessions.push(session);
    return session;
  };

  async function completionTranscript(kind: CtlKind): Promise<string> {
    const session = open(kind, ['-c', server.configPath]);
    await session.waitForText('supervisor> ');
    session.type('versi\t');
    await session.waitForText('version ');
    session.type('\r');
    await session.waitForText('supervisor> ', 2);
    session.type('status wor\t');
    await session.waitForText('status worker:');
    session.type('worker_0\r');
    await session.waitForText('supervisor> ', 3);
    session.type('quit\r');
    expect(await session.finish()).toBe(0);
    return maskVolatile(session.text);
  }

  test('Tab completes commands and process names', async () => {
    const [real, ours] = [await completionTranscript('real'), await completionTranscript('ours')];
    expect(ours).toBe(real);
    expect(ours).toContain('supervisor> version \n4.2.5\n');
    expect(ours).toContain('supervisor> status worker:worker_0\nworker:worker_0 ');
  });

  test('a second Tab lists the candidates, group:* included', async () => {
    const session = open('ours', ['-c', server.configPath]);
    await session.waitForText('supervisor> ');
    session.type('status wor\t');
    await session.waitForText('status worker:');
    session.type('\t');
    await session.waitForText('worker:worker_1', 2);
    expect(session.text).toMatch(/worker:\*\s+worker:worker_0\s+worker:worker_1/);
    session.type('\u0015quit\r');
    expect(await session.finish()).toBe(0);
  });

  async function interruptTranscript(kind: CtlKind): Promise<string> {
    const session = open(kind, ['-c', server.configPath]);
    await session.waitForText('supervisor> ');
    session.type('tail -f web\r');
    await session.waitForText('web listening on 8080\n');
    session.type('\u0003');
    await session.waitForText('supervisor> ', 2);
    session.type('\u0003');
    expect(await session.finish()).toBe(0);
    return maskVolatile(session.text);
  }

  test('Ctrl-C ends tail -f and, at the prompt, the shell', async () => {
    const [real, ours] = [await interruptTranscript('real'), await interruptTranscript('ours')];
    expect(ours).toBe(real);
    expect(ours.endsWith('web listening on 8080\n^C\nsupervisor> \n')).toBe(true);
  });

  async function foregroundTranscript(kind: CtlKind): Promise<string> {
    const session = open(kind, ['-c', server.configPath]);
    await session.waitForText('supervisor> ');
    session.type('fg catter\r');
    await session.waitForText('==> Press Ctrl-C to exit <==\n');
    session.type(`typed by ${kind}\r`);
    await session.waitForText(`typed by ${kind}\n`, 2);
    session.type('\u0003');
    await session.waitForText('supervisor> ', 2);
    session.type('quit\r');
    await session.waitForText('supervisor> quit\n\n');
    // The real client keeps its fg streaming thread alive and never exits after quit; ours exits.
    if (kind === 'ours') expect(await session.finish()).toBe(0);
    return maskVolatile(session.text).split(`typed by ${kind}`).join('<typed>');
  }

  test('fg echoes typed lines through the process and Ctrl-C returns to the prompt', async () => {
    const real = await foregroundTranscript('real');
    const ours = await foregroundTranscript('ours');
    // The log replay at the start of fg holds the previous run's line: compare from the banner on.
    const tail = (text: string): string => text.slice(text.lastIndexOf('<typed>\n<typed>\n'));
    expect(tail(ours)).toBe(tail(real));
    expect(ours).toContain('fg catter\n==> Press Ctrl-C to exit <==\n');
    expect(tail(ours)).toBe('<typed>\n<typed>\nExiting foreground\nsupervisor> quit\n\n');
  });

  test('history_file: lines of one session come back with the Up arrow in the next', async () => {
    const history = path.join(server.dir, 'history');
    const config = path.join(server.dir, 'history.conf');
    fs.writeFileSync(config, `[supervisorctl]\nserverurl=${server.serverUrl}\nhistory_file=${history}\nprompt=hist\n`);
    const order: CtlKind[] = ['real', 'ours', 'real'];
    for (const [index, kind] of order.entries()) {
      const session = open(kind, ['-c', config]);
      await session.waitForText('hist> ');
      if (index > 0) {
        session.type('\u001b[A');
        await session.waitForText('hist> quit');
        session.type('\u001b[A');
        await session.waitForText(`pid web${index - 1}`);
        session.type('\r');
        await session.waitForText(`No such process web${index - 1}`);
      }
      session.type(`pid web${index}\r`);
      await session.waitForText(`No such process web${index}`);
      session.type('quit\r');
      expect(await session.finish()).toBe(0);
    }
    expect(fs.readFileSync(history, 'utf8')).toContain('pid web1\n');
  });
});

describe.each(DAEMONS_UNDER_TEST)('supervisorctl credentials prompt in a terminal against $name', (daemon) => {
  let server: RealSupervisord;
  const sessions: TerminalSession[] = [];

  beforeAll(async () => {
    server = await daemon.start({ programs: PROGRAMS, auth: { username: 'user', password: 'secret' } });
  });

  afterAll(async () => {
    for (const session of sessions.splice(0)) session.kill();
    await server?.stop();
  });

  async function loginTranscript(kind: CtlKind): Promise<string> {
    const config = path.join(server.dir, 'noauth.conf');
    fs.writeFileSync(config, `[supervisorctl]\nserverurl=${server.serverUrl}\n`);
    const session = new TerminalSession([...ctlCommand(kind), '-c', config], server.dir);
    sessions.push(session);
    await session.waitForText('Username:');
    session.type('user\r');
    await session.waitForText('Password:');
    session.type('secret\r');
    await session.waitForText('supervisor> ');
    session.type('version\r');
    await session.waitForText('4.2.5');
    session.type('quit\r');
    expect(await session.finish()).toBe(0);
    return maskVolatile(session.text);
  }

  test('a 401 asks for a username and a password (not echoed), then runs the command again', async () => {
    const [real, ours] = [await loginTranscript('real'), await loginTranscript('ours')];
    expect(ours).toBe(real);
    expect(ours).not.toContain('secret');
    expect(ours.startsWith('Server requires authentication\nUsername:user\nPassword:\n\ncatter ')).toBe(true);
  });
});

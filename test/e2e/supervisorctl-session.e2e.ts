/**
 * Our supervisorctl against the real one: the shell over pipes, streaming (`tail -f`, `maintail -f`,
 * `fg`), authentication, connection failures, option errors and shutdown.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DAEMONS_UNDER_TEST } from '../helpers/daemon-under-test';
import type { RealSupervisord } from '../helpers/real-supervisord';
import { maskVolatile, runCtl, spawnCtl, waitFor, type CtlKind, type CtlResult } from '../helpers/ctl-runner';

const PROGRAMS = `
[program:web]
command=/bin/sh -c "echo web listening on 8080; echo warning: debug mode >&2; exec sleep 1000"
startsecs=0

[program:catter]
command=/bin/cat
startsecs=0

[program:idle]
command=/bin/sleep 1000
autostart=false
`;

function same(text: string, dir: string): string {
  return maskVolatile(text.split(dir).join('<dir>'))
    .replace(/\/\S*supervisorctl(\.js)?( -h|\s+\[options\])/g, '<argv0>$2');
}

function expectSameResult(ours: CtlResult, real: CtlResult, dir = '\u0000'): void {
  expect({ stdout: same(ours.stdout, dir), stderr: same(ours.stderr, dir), status: ours.status }).toEqual({
    stdout: same(real.stdout, dir),
    stderr: same(real.stderr, dir),
    status: real.status,
  });
}

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a streaming command, waits for `expected` on stdout, interrupts it with SIGINT, collects all. */
async function interruptAfter(kind: CtlKind, args: string[], expected: string, cwd: string): Promise<CtlResult> {
  const child = spawnCtl(kind, args, cwd);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (status, signal) => resolve([status, signal])),
  );
  try {
    await waitFor(`"${expected}" from ${kind} ${args.join(' ')}`, () => stdout.includes(expected));
    child.kill('SIGINT');
    const [status, signal] = await closed;
    return { stdout, stderr, status, signal };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe.each(DAEMONS_UNDER_TEST)('supervisorctl sessions against $name', (daemon) => {
  let server: RealSupervisord;
  let scratch: string;

  beforeAll(async () => {
    server = await daemon.start({ programs: PROGRAMS });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ctl-session-'));
  });

  afterAll(async () => {
    await server?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const both = async (args: string[], input?: string): Promise<[CtlResult, CtlResult]> => {
    const real = await runCtl('real', args, { input, cwd: server.dir });
    const ours = await runCtl('ours', args, { input, cwd: server.dir });
    return [real, ours];
  };

  test('the shell over pipes runs status first, prints prompts, handles unknown and empty lines', async () => {
    const [real, ours] = await both(['-c', server.configPath], 'status web\nbogus\n\nversion\nhelp\nhelp fg\nquit\n');
    expectSameResult(ours, real);
    expect(ours.stdout).toContain('supervisor> *** Unknown syntax: bogus\n');
    expect(ours.status).toBe(0);
  });

  test('the shell ends at end of input with an empty line, exit 0 even after errors', async () => {
    const [real, ours] = await both(['-c', server.configPath], 'status nope\nfg nope\nfg\nopen ftp://x\ntail nope');
    expectSameResult(ours, real);
    expect(ours.stdout.endsWith('supervisor> \n')).toBe(true);
  });

  test('open switches the server for the rest of the session and shows its status', async () => {
    const config = path.join(scratch, 'open.conf');
    fs.writeFileSync(config, '[supervisorctl]\n');
    const missing = `unix://${path.join(scratch, 'gone.sock')}`;
    const [real, ours] = await both(['-c', config, '-s', missing], `open ${server.serverUrl}\nopen ftp://x\nopen\nstatus web\nquit\n`);
    expectSameResult(ours, real, scratch);
    expect(ours.stdout).toContain('supervisor> web ');
  });

  test('-i with an action runs the action and asks before reload', async () => {
    const [real, ours] = await both(['-c', server.configPath, '-i', 'reload'], 'n\n');
    expectSameResult(ours, real);
    expect(ours.stdout).toBe('Really restart the remote supervisord process y/N? ');
    const [realEof, oursEof] = await both(['-c', server.configPath, '-i', 'shutdown'], '');
    expectSameResult(oursEof, realEof);
    expect(oursEof.stdout).toMatch(/^Really shut the remote supervisord process down y\/N\? error: <class 'EOFError'>/);
  });

  test('tail -f streams until Ctrl-C, then prints an empty line and exits 0', async () => {
    const args = ['-c', server.configPath, 'tail', '-f', 'web'];
    const real = await interruptAfter('real', args, 'web listening on 8080\n', server.dir);
    const ours = await interruptAfter('ours', args, 'web listening on 8080\n', server.dir);
    expectSameResult(ours, real);
    expect(ours.stdout).toBe('==> Press Ctrl-C to exit <==\nweb listening on 8080\n\n');
  });

  test('tail -f of stderr and maintail -f', async () => {
    for (const [args, expected] of [
      [['tail', '-f', 'web', 'stderr'], 'warning: debug mode\n'],
      [['maintail', '-f'], 'success: web entered RUNNING state'],
    ] as const) {
      const full = ['-c', server.configPath, ...args];
      const real = await interruptAfter('real', full, expected, server.dir);
      const ours = await interruptAfter('ours', full, expected, server.dir);
      expect(ours.status).toBe(real.status);
      expect(ours.stdout.startsWith('==> Press Ctrl-C to exit <==\n')).toBe(true);
      expect(ours.stdout).toContain(expected);
      expect(ours.stdout.endsWith('\n\n')).toBe(true);
    }
  });

  test('tail -f of an unknown process reports the 404 on stderr', async () => {
    const [real, ours] = await both(['-c', server.configPath, 'tail', '-f', 'nope']);
    expectSameResult(ours, real);
    expect(ours.stderr).toBe(`${server.serverUrl}/logtail/nope/stdout Cannot read, status code 404\n`);
  });

  test.each<CtlKind>(['real', 'ours'])('fg (%s) forwards typed lines to the process and leaves at end of input', async (kind) => {
    const child = spawnCtl(kind, ['-c', server.configPath, 'fg', 'catter'], server.dir);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const closed = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    try {
      await waitFor('the fg banner', () => stdout.includes('==> Press Ctrl-C to exit <==\n'));
      const marker = `typed through fg by ${kind}`;
      child.stdin?.write(`${marker}\n`);
      await waitFor('the echo of cat', () => stdout.includes(`${marker}\n`));
      child.stdin?.end();
      await waitFor('the goodbye', () => stdout.endsWith('Exiting foreground\n'));
      // The real client keeps its streaming thread alive after this line and never exits; ours exits.
      if (kind === 'ours') expect(await closed).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  test('connection refused and missing socket', async () => {
    const port = await closedPort();
    const config = path.join(scratch, 'ctl.conf');
    fs.writeFileSync(config, '[supervisorctl]\n');
    const missing = `unix://${path.join(scratch, 'missing.sock')}`;
    for (const args of [
      ['-s', `http://127.0.0.1:${port}`, 'status'],
      ['-s', `http://127.0.0.1:${port}`, 'stop', 'all'],
      ['-s', `http://127.0.0.1:${port}`, 'avail'],
      ['-s', `http://127.0.0.1:${port}`, 'shutdown'],
      ['-s', missing, 'status'],
      ['-s', missing, 'stop', 'all'],
      ['-s', missing, 'pid'],
      ['-s', missing, 'shutdown'],
    ]) {
      const [real, ours] = await both(['-c', config, ...args]);
      expectSameResult(ours, real);
    }
  });

  test('option and config errors', async () => {
    const noSection = path.join(scratch, 'nosection.conf');
    fs.writeFileSync(noSection, '[supervisord]\n');
    const withPrompt = path.join(scratch, 'prompt.conf');
    fs.writeFileSync(withPrompt, `[supervisorctl]\nserverurl = ${server.serverUrl} ; a comment\nprompt = mine\n`);
    for (const [args, input] of [
      [['-x'], undefined],
      [['-c', path.join(scratch, 'nonexistent.conf')], undefined],
      [['-c', noSection, 'status'], undefined],
      [['-s', 'notaurl', 'status'], undefined],
      [['-s', 'http://a:1', '-s', 'http://b:2'], undefined],
      [['-u', 'a', '-u', 'b'], undefined],
      [['--history-file=x'], undefined],
      [['--serverurl'], undefined],
      [['--help=3'], undefined],
      [['-h'], undefined],
      [['-?'], undefined],
      [['-c', withPrompt], 'version\n'],
      [['--configuration', withPrompt, 'version'], undefined],
    ] as const) {
      const [real, ours] = await both([...args], input);
      expectSameResult(ours, real);
    }
  });
});

describe.each(DAEMONS_UNDER_TEST)('supervisorctl authentication against $name', (daemon) => {
  let server: RealSupervisord;

  beforeAll(async () => {
    server = await daemon.start({ programs: PROGRAMS, inet: true, auth: { username: 'user', password: 'secret' } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  test('a 401 prints "Server requires authentication" and the retried failure; exit 1', async () => {
    const empty = path.join(server.dir, 'empty.conf');
    fs.writeFileSync(empty, '[supervisorctl]\n');
    for (const args of [
      ['-c', empty, '-s', server.inetUrl ?? '', 'status'],
      ['-c', empty, '-s', server.serverUrl, 'version'],
      ['-c', empty, '-s', server.serverUrl, '-u', 'user', '-p', 'wrong', 'avail'],
    ]) {
      const real = await runCtl('real', args);
      const ours = await runCtl('ours', args);
      expectSameResult(ours, real);
      expect(ours.status).toBe(1);
      expect(ours.stdout.startsWith('Server requires authentication\n')).toBe(true);
    }
  });

  test('with the right credentials the commands work', async () => {
    for (const args of [
      ['-c', server.configPath, '-s', server.inetUrl ?? '', '-u', 'user', '-p', 'secret', 'status', 'web'],
      ['-c', server.configPath, '-s', server.serverUrl, '--username=user', '--password=secret', 'version'],
    ]) {
      const real = await runCtl('real', args);
      const ours = await runCtl('ours', args);
      expectSameResult(ours, real);
      expect(ours.status).toBe(0);
    }
  });

  test('tail -f sends the credentials too', async () => {
    const args = ['-s', server.serverUrl, '-u', 'user', '-p', 'secret', 'tail', '-f', 'web'];
    const ours = await interruptAfter('ours', ['-c', server.configPath, ...args], 'web listening', server.dir);
    expect(ours.stdout).toBe('==> Press Ctrl-C to exit <==\nweb listening on 8080\n\n');
  });
});

describe.each(DAEMONS_UNDER_TEST)('supervisorctl shutdown against $name', (daemon) => {
  const started: RealSupervisord[] = [];

  afterAll(async () => {
    for (const server of started) await server.stop();
  });

  async function shutdownTranscript(kind: CtlKind): Promise<string[]> {
    const server = await daemon.start({ programs: PROGRAMS });
    started.push(server);
    const lines: string[] = [];
    const record = (result: CtlResult): void => {
      lines.push(`${same(result.stdout, server.dir)}${same(result.stderr, server.dir)}[exit ${result.status}]`);
    };
    record(await runCtl(kind, ['-c', server.configPath, 'shutdown']));
    await waitFor('supervisord to exit', () => {
      try {
        process.kill(server.pid, 0);
        return false;
      } catch {
        return true;
      }
    });
    record(await runCtl(kind, ['-c', server.configPath, 'shutdown']));
    record(await runCtl(kind, ['-c', server.configPath, 'status']));
    return lines;
  }

  test('shutdown, then shutdown and status of a stopped server', async () => {
    const real = await shutdownTranscript('real');
    const ours = await shutdownTranscript('ours');
    expect(ours).toEqual(real);
    expect(ours[0]).toBe('Shut down\n[exit 0]');
  });
});

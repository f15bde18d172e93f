/**
 * Real clients against our supervisord: Python's own `xmlrpc.client` and the real supervisorctl
 * 4.2.5, over the unix socket and over inet 127.0.0.1, with Basic auth. Each answer is compared
 * side by side with what the real supervisord 4.2.5 gives on the same config (volatile values
 * masked): struct keys and types, method list, faults, multicall, control commands, logs that
 * hold control characters, malformed requests and requests without credentials.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XmlRpcClient } from '../../packages/supervisorctl/src/rpc/client';
import { maskVolatile, runCtl, spawnCtl, waitFor, type CtlResult } from '../helpers/ctl-runner';
import { startOurs } from '../helpers/daemon-under-test';
import { startRealSupervisord, type RealSupervisord } from '../helpers/real-supervisord';

const PYTHON = '/usr/bin/python3';
const PROBE = path.join(__dirname, '..', 'helpers', 'python-xmlrpc-probe.py');
const AUTH = { username: 'admin', password: 's3cret' };
const ESC = '\u001b';

// `talker` echoes its stdin; its first lines hold ESC sequences. `pool` is a group of two.
const PROGRAMS = `
[program:talker]
command=/bin/sh -c 'printf "line one\\n\\033[1mbold\\033[0m and \\033[31mred\\033[0m\\n"; exec cat'
startsecs=0
stopwaitsecs=2

[program:pool]
command=/bin/sleep 1000
process_name=%(program_name)s_%(process_num)d
numprocs=2
startsecs=0
stopwaitsecs=2

[program:idle]
command=/bin/sleep 1000
autostart=false
startsecs=0
stopwaitsecs=2

[program:broken]
; Exits after a moment, never at once: 4.2.5 reports a child already dead at its first reap
; right away (ahead of other results), and a later death after them, which decides
; supervisorctl's exit status for 'start all'.
command=/bin/sh -c 'sleep 0.2; exit 3'
autostart=false
startsecs=1
startretries=0

[program:missing]
command=/nonexistent/server
autostart=false

[program:nolog]
command=/bin/sleep 1000
autostart=false
startsecs=0
stopwaitsecs=2
stdout_logfile=NONE
`;

const LATE_PROGRAM = `
[program:late]
command=/bin/sleep 1000
autostart=false
startsecs=0
`;

interface Daemons {
  real: RealSupervisord;
  ours: RealSupervisord;
}

function runProbe(url: string, dir: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [PROBE, url, AUTH.username, AUTH.password, dir], { timeout: 30000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`probe failed on ${url}: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

function ctlAuth(url: string): string[] {
  return ['-s', url, '-u', AUTH.username, '-p', AUTH.password];
}

/** What supervisorctl printed with the run's temp dir and the volatile parts masked. */
function masked(result: CtlResult, dir: string): { out: string; err: string; status: number | null } {
  const clean = (text: string) =>
    maskVolatile(text.replaceAll(dir, '<dir>')).replace(/---supervisor-\w+\.log/g, '---supervisor-<random>.log');
  return { out: clean(result.stdout), err: clean(result.stderr), status: result.status };
}

/** Runs one real supervisorctl command against both daemons and expects the same masked output. */
async function sameOnBoth(daemons: Daemons, transport: 'unix' | 'inet', args: string[], order: 'ordered' | 'unordered' = 'ordered'): Promise<string> {
  const url = (daemon: RealSupervisord) => (transport === 'unix' ? daemon.unixUrl : daemon.inetUrl!);
  const [real, ours] = await Promise.all(
    [daemons.real, daemons.ours].map(async (daemon) => {
      const result = masked(await runCtl('real', [...ctlAuth(url(daemon)), ...args]), daemon.dir);
      // Processes stopped together finish in no fixed order, on 4.2.5 too.
      if (order === 'unordered') result.out = sortedLines(result.out);
      return result;
    }),
  );
  expect({ command: args.join(' '), ...ours }).toEqual({ command: args.join(' '), ...real! });
  return ours!.out;
}

function sortedLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .sort()
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * The real supervisorctl's `tail` of a log holding ESC bytes: 4.2.5 puts them raw into its XML
 * answer, which its own client cannot parse; ours sends U+FFFD in their place, and the client
 * prints the rest of the log (see docs/compatibility.md).
 */
async function tailWithEscapes(daemons: Daemons, transport: 'unix' | 'inet'): Promise<void> {
  const url = (daemon: RealSupervisord) => (transport === 'unix' ? daemon.unixUrl : daemon.inetUrl!);
  const [real, ours] = await Promise.all(
    [daemons.real, daemons.ours].map((daemon) => runCtl('real', [...ctlAuth(url(daemon)), 'tail', 'talker'])),
  );
  expect(real!.stdout).toMatch(/^error: <class 'xml\.parsers\.expat\.ExpatError'>, not well-formed/);
  expect(ours!.status).toBe(0);
  expect(ours!.stdout).toContain('line one\n\ufffd[1mbold\ufffd[0m and \ufffd[31mred\ufffd[0m\n');
}

describe('real clients against our supervisord, side by side with 4.2.5', () => {
  let daemons: Daemons;

  beforeAll(async () => {
    const options = { programs: PROGRAMS, inet: true, auth: AUTH };
    const [real, ours] = await Promise.allSettled([startRealSupervisord(options), startOurs(options)]);
    if (real.status === 'rejected' || ours.status === 'rejected') {
      if (real.status === 'fulfilled') await real.value.stop();
      if (ours.status === 'fulfilled') await ours.value.stop();
      throw real.status === 'rejected' ? real.reason : (ours as PromiseRejectedResult).reason;
    }
    daemons = { real: real.value, ours: ours.value };
    for (const daemon of [daemons.real, daemons.ours]) {
      const client = new XmlRpcClient(daemon.unixUrl, AUTH);
      try {
        await waitFor('pool to run', async () => {
          const info = (await client.call('supervisor.getAllProcessInfo')) as { statename: string }[];
          return info.filter((process) => process.statename === 'RUNNING').length === 3;
        });
      } finally {
        client.close();
      }
    }
  }, 40000);

  afterAll(async () => {
    await Promise.all([daemons?.real.stop(), daemons?.ours.stop()]);
  });

  it.each(['unix', 'inet'] as const)('Python xmlrpc.client sees the same answers as on 4.2.5 (%s)', async (transport) => {
    const url = (daemon: RealSupervisord) => (transport === 'unix' ? daemon.unixUrl : daemon.inetUrl!);
    const [real, ours] = await Promise.all([
      runProbe(url(daemons.real), daemons.real.dir),
      runProbe(url(daemons.ours), daemons.ours.dir),
    ]);
    // Key by key, so that a difference names its call.
    // (A body that is not XML at all: 4.2.5 may drop the connection without an answer; ours says 400.)
    const compared = Object.keys(real).filter((key) => key !== 'not xml');
    for (const key of compared) expect({ [key]: ours[key] }).toEqual({ [key]: real[key] });
    expect(Object.keys(ours).sort()).toEqual(Object.keys(real).sort());
    expect(ours['not xml']).toBe(400);
    // And the facts themselves, so that the comparison cannot pass on two empty answers.
    expect(ours['unauthenticated']).toEqual({ http: 401 });
    expect(ours['malformed xml']).toBe(400);
    expect(ours['still serving']).toEqual({ statecode: 1, statename: 'RUNNING' });
    const faults = ours['faults'] as Record<string, { fault: [number, string] }>;
    expect(faults['BAD_NAME getProcessInfo']!.fault).toEqual([10, 'BAD_NAME: nosuch']);
    expect(faults['ALREADY_STARTED']!.fault).toEqual([60, 'ALREADY_STARTED: talker']);
    expect(faults['NOT_RUNNING']!.fault).toEqual([70, 'NOT_RUNNING: idle']);
    expect(faults['SPAWN_ERROR']!.fault).toEqual([50, 'SPAWN_ERROR: broken']);
    expect(faults['NO_FILE stdout']!.fault).toEqual([20, 'NO_FILE']);
    expect(faults['NO_FILE command']!.fault).toEqual([20, "NO_FILE: can't find command '/nonexistent/server'"]);
    const shape = ours['getProcessInfo talker shape'] as Record<string, string>;
    expect(Object.keys(shape)).toHaveLength(14);
    expect(shape).toMatchObject({ name: 'str', pid: 'int', statename: 'str', state: 'int', exitstatus: 'int', spawnerr: 'str' });
    expect((ours['listMethods'] as string[]).length).toBeGreaterThan(40);
  });

  it('real supervisorctl over the unix socket prints what it prints against 4.2.5', async () => {
    const run = (...args: string[]) => sameOnBoth(daemons, 'unix', args);
    const runUnordered = (...args: string[]) => sameOnBoth(daemons, 'unix', args, 'unordered');
    expect(await run('status')).toMatch(/^talker +RUNNING +pid <pid>, uptime <uptime>$/m);
    expect(await runUnordered('stop', 'pool:*')).toBe('pool:pool_0: stopped\npool:pool_1: stopped\n');
    await run('status', 'pool:*');
    expect(await run('start', 'pool:*')).toBe('pool:pool_0: started\npool:pool_1: started\n');
    await run('restart', 'pool:pool_0');
    await run('restart', 'pool');
    await run('stop', 'talker');
    await run('start', 'talker', 'idle');
    expect(await run('start', 'broken')).toBe('broken: ERROR (spawn error)\n');
    expect(await run('start', 'missing')).toBe('missing: ERROR (no such file)\n');
    await run('stop', 'nolog');
    await run('start', 'nosuch');
    await run('stop', 'nosuch:*');
    await runUnordered('restart', 'all');
    await run('status');
    await runUnordered('stop', 'all');
    await runUnordered('start', 'all');
    await run('avail');
    await tailWithEscapes(daemons, 'unix');
    await run('tail', '-20', 'pool:pool_0');
    await run('tail', 'talker', 'stderr');
    await run('tail', 'nolog');
    // Signals the programs survive, so that no restart races the next commands.
    await run('signal', 'WINCH', 'idle');
    await run('signal', 'CONT', 'pool:*');
    await run('signal', 'BOGUS', 'idle');
    await run('clear', 'talker');
    await run('clear', 'pool:*');
    await run('tail', 'talker');
    await run('tail', 'talker', 'stdout');
    await run('pid');
    await run('pid', 'talker');
    await run('pid', 'all');
    await run('reread');
    await run('update');
    for (const daemon of [daemons.real, daemons.ours]) fs.appendFileSync(daemon.configPath, LATE_PROGRAM);
    expect(await run('reread')).toBe('late: available\n');
    expect(await run('update')).toBe('late: added process group\n');
    await run('avail');
    await run('status', 'late');
    await run('remove', 'late');
    await run('status');
  }, 120000);

  it('real supervisorctl over inet 127.0.0.1: status, control, tail, and 401 without credentials', async () => {
    const run = (...args: string[]) => sameOnBoth(daemons, 'inet', args);
    await run('status');
    await run('stop', 'idle', 'pool:pool_1');
    await run('start', 'pool:pool_1');
    await run('restart', 'talker');
    await tailWithEscapes(daemons, 'inet');
    await run('pid', 'pool:pool_1');
    // Without credentials (and with wrong ones) both daemons refuse, on both transports.
    for (const transport of ['inet', 'unix'] as const) {
      for (const credentials of [[], ['-u', AUTH.username, '-p', 'wrong']]) {
        const [real, ours] = await Promise.all(
          [daemons.real, daemons.ours].map((daemon) =>
            runCtl('real', ['-s', transport === 'unix' ? daemon.unixUrl : daemon.inetUrl!, ...credentials, 'status']),
          ),
        );
        expect({ transport, credentials, ...ours }).toEqual({ transport, credentials, ...real });
        expect(ours!.stdout).toMatch(/^Server requires authentication\n/);
      }
    }
  }, 60000);

  it('maintail of both daemons shows the process events', async () => {
    for (const daemon of [daemons.real, daemons.ours]) {
      const result = await runCtl('real', [...ctlAuth(daemon.unixUrl), 'maintail', '-4000']);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/spawned: 'talker' with pid \d+/);
      expect(result.stdout).toContain('stopped: pool_1 (terminated by SIGTERM)');
    }
  });

  it('real supervisorctl tail -f follows new output of our daemon until it is ended', async () => {
    const ours = daemons.ours;
    const follower = spawnCtl('real', [...ctlAuth(ours.inetUrl!), 'tail', '-f', 'talker']);
    let seen = '';
    follower.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => follower.on('close', (code) => resolve(code)));
    try {
      await waitFor('tail -f to start', () => seen.includes('==> Press Ctrl-C to exit <=='));
      const client = new XmlRpcClient(ours.unixUrl, AUTH);
      try {
        await client.call('supervisor.sendProcessStdin', 'talker', 'followed line\n');
      } finally {
        client.close();
      }
      await waitFor('the new line', () => seen.includes('followed line\n')).catch((error: Error) => {
        throw new Error(`${error.message}; tail -f printed ${JSON.stringify(seen)}`);
      });
      // /logtail streams the log's bytes as they are: the ESC sequences arrive intact.
      expect(seen).toContain(`${ESC}[1mbold${ESC}[0m and ${ESC}[31mred${ESC}[0m\n`);
      follower.kill('SIGINT');
      await exited;
    } finally {
      if (follower.exitCode === null && follower.signalCode === null) follower.kill('SIGKILL');
    }
    // The daemon still answers after the stream was cut.
    await sameOnBoth(daemons, 'unix', ['status', 'talker']);
  });

  it('shutdown through the real supervisorctl ends our daemon like 4.2.5', async () => {
    const outputs = await Promise.all(
      [daemons.real, daemons.ours].map((daemon) => runCtl('real', [...ctlAuth(daemon.unixUrl), 'shutdown'])),
    );
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[1]!.stdout).toBe('Shut down\n');
    for (const daemon of [daemons.real, daemons.ours]) {
      await waitFor(`${daemon.dir} to exit`, () => !processAlive(daemon.pid), 15000);
      expect(fs.existsSync(daemon.socketPath)).toBe(false);
    }
  });
});

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Our supervisorctl against the real one, on the same daemon: same bytes on stdout and stderr (pids,
 * uptimes and times masked) and the same exit status, command by command.
 */
import fs from 'node:fs';
import { DAEMONS_UNDER_TEST } from '../helpers/daemon-under-test';
import type { RealSupervisord } from '../helpers/real-supervisord';
import { maskVolatile, runCtl, type CtlResult } from '../helpers/ctl-runner';
import { XmlRpcClient } from '../../packages/supervisorctl/src/rpc/client';

/** Puts the daemon into a known state with direct XML-RPC calls (faults such as ALREADY_STARTED ignored). */
async function applyStep(client: XmlRpcClient, [verb, ...names]: string[]): Promise<void> {
  const methods: Record<string, [string, string, string]> = {
    start: ['supervisor.startAllProcesses', 'supervisor.startProcessGroup', 'supervisor.startProcess'],
    stop: ['supervisor.stopAllProcesses', 'supervisor.stopProcessGroup', 'supervisor.stopProcess'],
    add: ['', 'supervisor.addProcessGroup', 'supervisor.addProcessGroup'],
    remove: ['', 'supervisor.removeProcessGroup', 'supervisor.removeProcessGroup'],
  };
  const [all, group, single] = methods[verb];
  for (const name of names) {
    const call =
      name === 'all' ? client.call(all) : name.endsWith(':*') ? client.call(group, name.slice(0, -2)) : client.call(single, name);
    await call.catch((error: unknown) => {
      if (typeof (error as { faultCode?: unknown }).faultCode !== 'number') throw error;
    });
  }
}

const PROGRAMS = `
[program:web]
command=/bin/sh -c "echo web listening on 8080; echo warning: debug mode >&2; exec sleep 1000"
startsecs=0
stopwaitsecs=2

[program:cron]
command=/bin/sleep 1000
autostart=false
startsecs=0

[program:worker]
command=/bin/sleep 1000
numprocs=2
process_name=%(program_name)s_%(process_num)s
startsecs=0

[program:catter]
command=/bin/cat
startsecs=0

[program:notfound]
command=/nonexistent/binary
autostart=false

[program:api]
command=/bin/sleep 1000
startsecs=0

[program:queue]
command=/bin/sleep 1000
startsecs=0

[group:apps]
programs=api,queue
priority=100
`;

interface Comparison {
  real: CtlResult;
  ours: CtlResult;
}

function normalized(result: CtlResult, sortLines: boolean): { stdout: string; stderr: string; status: number | null } {
  let stdout = maskVolatile(result.stdout);
  if (sortLines) stdout = stdout.split('\n').sort().join('\n');
  return { stdout, stderr: result.stderr.split(/\/\S*supervisorctl(\.js)? -h/).join('<argv0> -h'), status: result.status };
}

describe.each(DAEMONS_UNDER_TEST)('supervisorctl one-shot commands against $name', (daemon) => {
  let server: RealSupervisord;
  let client: XmlRpcClient;

  beforeAll(async () => {
    server = await daemon.start({ programs: PROGRAMS });
    client = new XmlRpcClient(server.serverUrl);
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  const ctl = (kind: 'real' | 'ours', args: string[]): Promise<CtlResult> =>
    runCtl(kind, ['-c', server.configPath, ...args], { cwd: server.dir });

  /** Runs `setup`, then the real command; `setup` again, then ours. */
  async function compare(args: string[], setup: string[][] = [], sortLines = false): Promise<Comparison> {
    for (const step of setup) await applyStep(client, step);
    const real = await ctl('real', args);
    for (const step of setup) await applyStep(client, step);
    const ours = await ctl('ours', args);
    expect(normalized(ours, sortLines)).toEqual(normalized(real, sortLines));
    return { real, ours };
  }

  test.each([
    [['status']],
    [['status', 'all']],
    [['status', 'web']],
    [['status', 'web', 'cron']],
    [['status', 'worker:*']],
    [['status', 'worker:']],
    [['status', 'apps']],
    [['status', 'apps:api', 'nope', 'apps:zz', 'zz:']],
    [['status', 'nope']],
  ])('status %j', async (args) => {
    const { real } = await compare(args);
    expect(real.stdout).not.toBe('');
  });

  test('status exit status 3 when something is stopped, 0 when all run', async () => {
    const stopped = await compare(['status', 'cron'], [['stop', 'cron']]);
    expect(stopped.ours.status).toBe(3);
    const running = await compare(['status', 'web']);
    expect(running.ours.status).toBe(0);
  });

  test.each([
    { args: ['start', 'cron'], setup: [['stop', 'cron']] },
    { args: ['start', 'web'], setup: [] },
    { args: ['start', 'nosuch'], setup: [] },
    { args: ['start', 'nosuch', 'apps:*'], setup: [] },
    { args: ['start', 'nope:*'], setup: [] },
    { args: ['start'], setup: [] },
    { args: ['start', 'notfound'], setup: [] },
    { args: ['start', 'apps:*'], setup: [['stop', 'apps:*']] },
    { args: ['start', 'apps:api'], setup: [['stop', 'apps:api']] },
  ])('start $args', async ({ args, setup }) => {
    await compare(args, setup, args.includes('apps:*'));
  });

  test('start all', async () => {
    await compare(['start', 'all'], [['stop', 'worker:*', 'cron']], true);
  });

  test.each([
    { args: ['stop', 'cron'], setup: [['start', 'cron']] },
    { args: ['stop', 'cron'], setup: [['stop', 'cron']] },
    { args: ['stop', 'nosuch'], setup: [] },
    { args: ['stop', 'nope:*'], setup: [] },
    { args: ['stop'], setup: [] },
    { args: ['stop', 'worker:*'], setup: [['start', 'worker:*']] },
  ])('stop $args', async ({ args, setup }) => {
    await compare(args, setup, true);
  });

  test('stop all, then start all again', async () => {
    await compare(['stop', 'all'], [['start', 'all']], true);
    await ctl('real', ['start', 'all']);
  });

  test.each([[['restart', 'worker:*']], [['restart', 'web']], [['restart']], [['restart', 'nosuch']]])(
    'restart %j',
    async (args) => {
      const { real, ours } = await compare(args, [['start', 'all']], true);
      // stop lines come before start lines
      expect(ours.stdout.split('\n').findIndex((line) => line.endsWith('started'))).toBe(
        real.stdout.split('\n').findIndex((line) => line.endsWith('started')),
      );
    },
  );

  test.each([
    { args: ['signal', 'WINCH', 'web'], setup: [] },
    { args: ['signal', 'HUP', 'cron'], setup: [['stop', 'cron']] },
    { args: ['signal', 'BOGUS', 'web'], setup: [] },
    { args: ['signal', 'HUP', 'nope:*'], setup: [] },
    { args: ['signal', 'HUP', 'nosuch'], setup: [] },
    { args: ['signal', 'HUP'], setup: [] },
    { args: ['signal', 'WINCH', 'worker:*'], setup: [['start', 'worker:*']] },
    { args: ['signal', 'WINCH', 'all'], setup: [['start', 'all']] },
  ])('signal $args', async ({ args, setup }) => {
    await compare(args, setup, true);
  });

  test.each([
    { args: ['pid'], setup: [] },
    { args: ['pid', 'web'], setup: [] },
    { args: ['pid', 'cron', 'web', 'nope'], setup: [['stop', 'cron']] },
    { args: ['pid', 'cron'], setup: [['stop', 'cron']] },
    { args: ['pid', 'all'], setup: [] },
  ])('pid $args', async ({ args, setup }) => {
    await compare(args, setup);
  });

  test.each([
    [['tail', 'web']],
    [['tail', 'web', 'stderr']],
    [['tail', '-10', 'web']],
    [['tail', '-0', 'web']],
    [['tail', 'nope']],
    [['tail']],
    [['tail', 'a', 'b', 'c', 'd']],
    [['tail', '-x', 'web']],
    [['tail', 'web', 'bogus']],
    [['tail', '-f']],
    [['maintail', '-20']],
    [['maintail', 'x']],
    [['maintail', '-1', '-2']],
  ])('log reading %j', async (args) => {
    await compare(args);
  });

  test.each([
    [['avail']],
    [['avail', 'x']],
    [['reread']],
    [['reread', 'x']],
    [['update']],
    [['update', 'nope']],
    [['version']],
    [['version', 'x']],
    [['help']],
    [['help', 'status']],
    [['help', 'maintail']],
    [['help', 'help']],
    [['help', 'EOF']],
    [['help', 'nope']],
    [['bogus']],
    [['shutdown', 'now']],
    [['reload', 'now']],
    [['remove', 'nosuch']],
    [['add', 'nosuch']],
    [['add', 'web']],
    [['fg']],
    [['clear']],
    [['clear', 'nosuch']],
    [['clear', 'worker:*']],
  ])('%j', async (args) => {
    await compare(args);
  });

  test('clear a log', async () => {
    await compare(['clear', 'web']);
    await compare(['tail', 'web']);
  });

  test('remove a running group, then a stopped one, then add it back', async () => {
    await compare(['remove', 'cron'], [['start', 'cron']]);
    await compare(['remove', 'cron'], [['add', 'cron'], ['stop', 'cron']]);
    await compare(['add', 'cron'], [['stop', 'cron'], ['remove', 'cron']]);
  });

  test('reread, update and avail after the config file changed', async () => {
    const original = fs.readFileSync(server.configPath, 'utf8');
    const changed = `${original
      .replace('command=/bin/sleep 1000\nautostart=false', 'command=/bin/sleep 999\nautostart=false')
      .replace('[program:notfound]\ncommand=/nonexistent/binary\nautostart=false\n', '')}
[program:newprog]
command=/bin/sleep 1000
startsecs=0
`;
    expect(changed).toContain('sleep 999');
    expect(changed).not.toContain('notfound');
    const useConfig = (text: string): void => fs.writeFileSync(server.configPath, text);
    try {
      useConfig(changed);
      const { ours } = await compare(['reread']);
      expect(ours.stdout).toBe('cron: changed\nnewprog: available\nnotfound: disappeared\n');
      for (const args of [['update', 'cron', 'nope'], ['update'], ['update', 'all']]) {
        const real = await ctl('real', args);
        expect(real.stdout).toContain('cron: updated process group\n');
        const realAvail = await ctl('real', ['avail']);
        useConfig(original);
        await ctl('real', ['update']);
        useConfig(changed);
        const ours = await ctl('ours', args);
        const ourAvail = await ctl('ours', ['avail']);
        expect(normalized(ours, false)).toEqual(normalized(real, false));
        expect(normalized(ourAvail, false)).toEqual(normalized(realAvail, false));
        useConfig(original);
        await ctl('real', ['update']);
        useConfig(changed);
      }
    } finally {
      useConfig(original);
      await ctl('real', ['update']);
    }
  });
});

import type { LogLevelName } from '../../src/config/types';
import { EventBus, type SupervisorEvent } from '../../src/events/bus';
import { Subprocess, type OutputSink, type SubprocessDeps } from '../../src/process/subprocess';
import { FakeClock, FakeOs } from '../fakes/fake-os';
import { processConfig } from '../fakes/process-config';

class MemorySink implements OutputSink {
  readonly logPath = null;
  readonly chunks: Buffer[] = [];
  write(chunk: Buffer): void {
    this.chunks.push(Buffer.from(chunk)); // chunks are lent
  }
  reopen(): void {}
  clear(): void {
    this.chunks.length = 0;
  }
  close(): void {}
  text(): string {
    return Buffer.concat(this.chunks).toString();
  }
}

function setup(overrides: Parameters<typeof processConfig>[0] = {}, depsOverrides: Partial<SubprocessDeps> = {}) {
  const os = new FakeOs();
  const clock = new FakeClock();
  const bus = new EventBus();
  const events: SupervisorEvent[] = [];
  bus.subscribe('PROCESS_STATE', (event) => events.push(event));
  const logs: string[] = [];
  const sinks: Record<string, MemorySink> = {};
  let running = true;
  const process = new Subprocess(processConfig(overrides), 'grp', {
    os,
    clock,
    logger: { log: (level: LogLevelName, message: string) => logs.push(`${level} ${message}`) },
    bus,
    supervisorRunning: () => running,
    inheritedEnv: { PATH: '/usr/bin:/bin', HOME: '/root' },
    supervisordEnvironment: { FROM_SUPERVISORD: 'a', SHARED: 'supervisord' },
    serverUrl: 'unix:///tmp/s.sock',
    currentUid: 0,
    createOutput: (channel) => (sinks[channel] = new MemorySink()),
    ...depsOverrides,
  });
  return { os, clock, events, logs, sinks, process, stopSupervisor: () => (running = false) };
}

const eventText = (event: SupervisorEvent) =>
  `${event.type} ${event.fields.map(([key, value]) => `${key}:${value}`).join(' ')}`;

describe('Subprocess on a fake OS and clock', () => {
  test('spawn request: resolved command, argv0, environment precedence, cwd, umask', () => {
    const { os, process } = setup({
      command: 'sh -c "echo hi"',
      command_argv: ['sh', '-c', 'echo hi'],
      environment: { SHARED: 'program', SUPERVISOR_GROUP_NAME: 'override' },
      directory: '/tmp',
      umask: 0o027,
    });
    expect(process.start()).toBeNull();
    const request = os.last.request;
    expect(request.file).toMatch(/\/sh$/);
    expect(request.argv0).toBe('sh');
    expect(request.args).toEqual(['-c', 'echo hi']);
    expect(request.cwd).toBe('/tmp');
    expect(request.umask).toBe(0o027);
    expect(request.user).toBeNull();
    expect(request.env).toMatchObject({
      HOME: '/root',
      SUPERVISOR_ENABLED: '1',
      SUPERVISOR_PROCESS_NAME: 'p',
      SUPERVISOR_GROUP_NAME: 'override',
      SUPERVISOR_SERVER_URL: 'unix:///tmp/s.sock',
      FROM_SUPERVISORD: 'a',
      SHARED: 'program',
    });
  });

  test('state events carry upstream tokens through a full start, exit and restart', () => {
    const { os, clock, events, process } = setup({ autorestart: 'true' });
    process.start();
    clock.advance(1);
    os.last.exit(0);
    expect(events.map(eventText)).toEqual([
      'PROCESS_STATE_STARTING processname:p groupname:grp from_state:STOPPED tries:0',
      'PROCESS_STATE_RUNNING processname:p groupname:grp from_state:STARTING pid:500',
      'PROCESS_STATE_EXITED processname:p groupname:grp from_state:RUNNING expected:1 pid:500',
      'PROCESS_STATE_STARTING processname:p groupname:grp from_state:EXITED tries:0',
    ]);
    expect(process.pid).toBe(501);
  });

  test('events of one step carry the tries and pid of their moment', () => {
    const { os, events, process } = setup({ startsecs: 0, startretries: 0, autorestart: 'false' });
    process.start();
    os.last.exit(0);
    const quick = setup({ startretries: 1 });
    quick.process.start();
    quick.os.last.exit(1);
    quick.clock.advance(1);
    quick.os.last.exit(1);
    expect(events.map(eventText).slice(1)).toEqual([
      'PROCESS_STATE_RUNNING processname:p groupname:grp from_state:STARTING pid:500',
      'PROCESS_STATE_EXITED processname:p groupname:grp from_state:RUNNING expected:1 pid:500',
    ]);
    expect(quick.events.map(eventText)).toEqual([
      'PROCESS_STATE_STARTING processname:p groupname:grp from_state:STOPPED tries:0',
      'PROCESS_STATE_BACKOFF processname:p groupname:grp from_state:STARTING tries:1',
      'PROCESS_STATE_STARTING processname:p groupname:grp from_state:BACKOFF tries:1',
      'PROCESS_STATE_BACKOFF processname:p groupname:grp from_state:STARTING tries:2',
      'PROCESS_STATE_FATAL processname:p groupname:grp from_state:BACKOFF',
    ]);
  });

  test('child output goes to its channel; redirect_stderr sends stderr to stdout', () => {
    const separate = setup();
    separate.process.start();
    separate.os.last.stdout.write('out');
    separate.os.last.stderr.write('err');
    expect(separate.sinks.stdout.text()).toBe('out');
    expect(separate.sinks.stderr.text()).toBe('err');
    const merged = setup({ redirect_stderr: true });
    merged.process.start();
    merged.os.last.stderr.write('err');
    expect(merged.sinks.stdout.text()).toBe('err');
    expect(merged.sinks.stderr).toBeUndefined();
  });

  test('unknown command: spawn error, BACKOFF retries, FATAL, never a child', () => {
    const { os, clock, logs, process } = setup({ command: '/nonexistent/prog', command_argv: ['/nonexistent/prog'] });
    expect(process.start()).toBe("can't find command '/nonexistent/prog'");
    clock.advance(1 + 2 + 3);
    expect(process.state).toBe('FATAL');
    expect(os.children).toHaveLength(0);
    expect(logs.filter((line) => line === "INFO spawnerr: can't find command '/nonexistent/prog'")).toHaveLength(4);
    expect(process.checkCommand()).toEqual({ fault: 'NO_FILE', message: "can't find command '/nonexistent/prog'" });
  });

  test('a directory that does not exist fails in the child: message on stderr, exit 127, BACKOFF', () => {
    const { clock, logs, sinks, process } = setup({ directory: '/nonexistent_dir', startretries: 0 });
    process.start();
    clock.advance(0);
    expect(sinks.stderr.text()).toBe(
      "supervisor: couldn't chdir to /nonexistent_dir: ENOENT\nsupervisor: child process was not spawned\n",
    );
    expect(logs).toContain('WARN exited: p (exit status 127; not expected)');
    expect(process.state).toBe('FATAL');
    expect(process.spawnerr).toBe('Exited too quickly (process log may have details)');
  });

  test('a stop before an in-child failure is reported ends STOPPED, not stuck in STOPPING', () => {
    const { clock, process } = setup({ directory: '/nonexistent_dir' });
    process.start();
    process.stop();
    expect(process.state).toBe('STOPPING');
    clock.advance(0);
    expect(process.state).toBe('STOPPED');
  });

  test('user= when not root and a different uid: the program never runs', () => {
    const { os, clock, sinks, process } = setup({ user: 'nobody', uid: 65534, gid: 65534, startretries: 0 }, { currentUid: 1000 });
    process.start();
    clock.advance(0);
    expect(os.children).toHaveLength(0);
    expect(sinks.stderr.text()).toContain("supervisor: couldn't setuid to 65534: Can't drop privilege as nonroot user");
    expect(process.state).toBe('FATAL');
  });

  test('user= as root asks the OS port for the switch with the user name', () => {
    const { os, process } = setup({ user: 'nobody', uid: 65534, gid: 65534 });
    process.start();
    expect(os.last.request.user).toEqual({ name: 'nobody', uid: 65534, gid: 65534 });
  });

  test('stop: stopsignal to the pid or group, SIGKILL after stopwaitsecs, STOPPED on exit', () => {
    const { os, clock, events, process } = setup({ stopasgroup: true, killasgroup: true, stopwaitsecs: 2 });
    process.start();
    clock.advance(1);
    expect(process.stop()).toBeNull();
    expect(os.kills).toEqual([{ pid: 500, signal: 'SIGTERM', group: true }]);
    clock.advance(2);
    expect(os.kills[1]).toEqual({ pid: 500, signal: 'SIGKILL', group: true });
    os.last.exit(null, 'SIGKILL');
    expect(process.state).toBe('STOPPED');
    expect(eventText(events[events.length - 1])).toBe(
      'PROCESS_STATE_STOPPED processname:p groupname:grp from_state:STOPPING pid:500',
    );
    expect(clock.pendingTimers()).toBe(0);
  });

  test('ESRCH while signalling is ignored; other errors give UNKNOWN', () => {
    const gone = setup();
    gone.process.start();
    gone.os.killError = 'ESRCH';
    gone.process.stop();
    expect(gone.process.state).toBe('STOPPING');
    const denied = setup();
    denied.process.start();
    denied.os.killError = 'EPERM';
    denied.process.stop();
    expect(denied.process.state).toBe('UNKNOWN');
  });

  test('writeStdin reaches the child; with no child it fails with EPIPE', () => {
    const { os, process } = setup();
    expect(() => process.writeStdin(Buffer.from('x'))).toThrow(expect.objectContaining({ code: 'EPIPE' }));
    process.start();
    process.writeStdin(Buffer.from('hello'));
    expect(os.last.stdin.read()?.toString()).toBe('hello');
  });

  test('state listeners see every change and a throwing listener is contained', () => {
    const { process, logs } = setup();
    const seen: string[] = [];
    process.onStateChange(() => {
      throw new Error('boom');
    });
    const unsubscribe = process.onStateChange((_p, from, to) => seen.push(`${from}->${to}`));
    process.start();
    unsubscribe();
    process.stop();
    expect(seen).toEqual(['STOPPED->STARTING']);
    expect(logs.some((line) => line.startsWith('CRIT state listener of p failed'))).toBe(true);
  });

  test('log files that cannot be opened are a spawn error, retried at each spawn', () => {
    let failing = true;
    const { os, clock, process } = setup(
      { startretries: 1 },
      {
        createOutput: () => {
          if (failing) throw Object.assign(new Error('denied'), { code: 'EACCES' });
          return new MemorySink();
        },
      },
    );
    expect(process.start()).toBe("unknown error making dispatchers for 'p': EACCES");
    expect(process.state).toBe('BACKOFF');
    expect(os.children).toHaveLength(0);
    failing = false;
    clock.advance(1);
    expect(process.state).toBe('STARTING');
    expect(os.children).toHaveLength(1);
  });

  test('clearLogs clears the channels of a running process only', () => {
    const { os, sinks, process } = setup();
    process.clearLogs();
    process.start();
    os.last.stdout.write('before');
    expect(sinks.stdout.text()).toBe('before');
    process.clearLogs();
    expect(sinks.stdout.text()).toBe('');
  });

  test('no automatic spawns once supervisord is stopping', () => {
    const { os, clock, process, stopSupervisor } = setup({ autorestart: 'true' });
    process.start();
    clock.advance(2);
    stopSupervisor();
    os.last.exit(1);
    clock.advance(5);
    expect(process.state).toBe('EXITED');
    expect(os.children).toHaveLength(1);
  });
});

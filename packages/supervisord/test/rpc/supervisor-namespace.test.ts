import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  RpcFault,
  XmlRpcEncodedValue,
  decodeMethodResponse,
  encodeMethodResponse,
  type XmlRpcValue,
} from '@supervisor-ts/protocol';
import { createRpcRegistry } from '../../src/rpc/create-rpc-registry';
import { FakeModel, groupConfig, processConfig, type FakeProcess } from '../helpers/fake-model';

function asReceived(value: XmlRpcEncodedValue): XmlRpcValue {
  const decoded = decodeMethodResponse(encodeMethodResponse(value));
  if (decoded.kind !== 'result') throw new Error('an encoded value decoded as a fault');
  return decoded.value;
}

function build() {
  const model = new FakeModel([
    groupConfig('alpha', [processConfig('alpha')], 10),
    groupConfig('grp', [processConfig('gb', { priority: 5 }), processConfig('ga', { priority: 1 }), processConfig('gc', { priority: 5 })], 20),
    groupConfig('quick', [processConfig('quick', { startsecs: 0 })], 30),
  ]);
  const { dispatcher } = createRpcRegistry(model, { now: () => 1_800_000_000 });
  // Process infos come back already encoded: read them as a client would.
  const call = (method: string, ...params: XmlRpcValue[]) =>
    dispatcher.invoke(`supervisor.${method}`, params).then((result) => (result instanceof XmlRpcEncodedValue ? asReceived(result) : result));
  const fault = async (method: string, ...params: XmlRpcValue[]): Promise<string> => {
    try {
      await call(method, ...params);
    } catch (error) {
      if (error instanceof RpcFault) return `${error.code} ${error.faultString}`;
      throw error;
    }
    throw new Error(`${method} did not fault`);
  };
  const proc = (group: string, name: string): FakeProcess => model.group(group).process(name);
  return { model, call, fault, proc };
}

/** Resolves once `promise` settles or rejects with 'pending' after the event loop has drained a little. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

describe('supervisor namespace: status', () => {
  it('answers versions, identification, state and pid', async () => {
    const { call, model } = build();
    model.identifier = 'ident';
    expect(await call('getAPIVersion')).toBe('3.0');
    expect(await call('getVersion')).toBe('3.0');
    expect(await call('getSupervisorVersion')).toBe('4.2.5');
    expect(await call('getIdentification')).toBe('ident');
    expect(await call('getState')).toEqual({ statecode: 1, statename: 'RUNNING' });
    expect(await call('getPID')).toBe(12345);
  });

  it('guards every method during shutdown except sendRemoteCommEvent', async () => {
    const { call, fault, model } = build();
    expect(await call('shutdown')).toBe(true);
    expect(model.calls).toEqual(['shutdown']);
    const guarded: [string, XmlRpcValue[]][] = [
      ['getAPIVersion', []], ['getVersion', []], ['getSupervisorVersion', []], ['getIdentification', []], ['getState', []],
      ['getPID', []], ['readLog', [0, 0]], ['readMainLog', [0, 0]], ['clearLog', []], ['shutdown', []], ['restart', []],
      ['reloadConfig', []], ['addProcessGroup', ['x']], ['removeProcessGroup', ['x']], ['getAllConfigInfo', []],
      ['startProcess', ['alpha']], ['startProcessGroup', ['grp']], ['startAllProcesses', []], ['stopProcess', ['alpha']],
      ['stopProcessGroup', ['grp']], ['stopAllProcesses', []], ['signalProcess', ['alpha', 'HUP']],
      ['signalProcessGroup', ['nope', 'HUP']], ['getProcessInfo', ['alpha']], ['getAllProcessInfo', []],
      ['readProcessStdoutLog', ['alpha', 0, 0]], ['readProcessLog', ['alpha', 0, 0]], ['readProcessStderrLog', ['alpha', 0, 0]],
      ['tailProcessStdoutLog', ['alpha', 0, 0]], ['tailProcessLog', ['alpha', 0, 0]], ['tailProcessStderrLog', ['alpha', 0, 0]],
      ['clearProcessLogs', ['alpha']], ['clearProcessLog', ['alpha']], ['clearAllProcessLogs', []], ['sendProcessStdin', ['alpha', 'x']],
      ['signalAllProcesses', ['HUP']],
    ];
    for (const [method, params] of guarded) expect([method, await fault(method, ...params)]).toEqual([method, '6 SHUTDOWN_STATE']);
    expect(await call('sendRemoteCommEvent', 'type', 'data')).toBe(true);
    expect(model.events).toEqual([['type', 'data']]);
  });

  it('signalAllProcesses signals first and reports SHUTDOWN_STATE afterwards', async () => {
    const { fault, model, proc } = build();
    proc('alpha', 'alpha').state = 'RUNNING';
    model.state = 'RESTARTING';
    expect(await fault('signalAllProcesses', 'HUP')).toBe('6 SHUTDOWN_STATE');
    expect(proc('alpha', 'alpha').signals).toEqual([1]);
  });

  it('restart reports true and starts the restart', async () => {
    const { call, model, fault } = build();
    expect(await call('restart')).toBe(true);
    expect(model.calls).toEqual(['restart']);
    expect(await fault('getState')).toBe('6 SHUTDOWN_STATE');
  });
});

describe('supervisor namespace: names', () => {
  it.each([['grp:*'], ['grp:'], ['grp'], [''], ['grp:zz'], ['nope'], ['nope:x']])('getProcessInfo(%p) is BAD_NAME echoing the name', async (name) => {
    const { fault } = build();
    expect(await fault('getProcessInfo', name)).toBe(`10 BAD_NAME: ${name}`);
  });

  it('accepts the short and the long form', async () => {
    const { call } = build();
    expect(await call('getProcessInfo', 'alpha')).toMatchObject({ name: 'alpha', group: 'alpha', description: 'Not started' });
    expect(await call('getProcessInfo', 'alpha:alpha')).toMatchObject({ name: 'alpha' });
    expect(await call('getProcessInfo', 'grp:ga')).toMatchObject({ name: 'ga', group: 'grp', now: 1_800_000_000 });
  });

  it('reports a non-string name as BAD_NAME', async () => {
    const { fault } = build();
    expect(await fault('getProcessInfo', 5)).toBe('10 BAD_NAME: 5');
    expect(await fault('startProcessGroup', 5)).toBe('10 BAD_NAME: 5');
  });

  it('getAllProcessInfo is in lexical group then name order', async () => {
    const { call } = build();
    const infos = (await call('getAllProcessInfo')) as { group: string; name: string }[];
    expect(infos.map((i) => `${i.group}:${i.name}`)).toEqual(['alpha:alpha', 'grp:ga', 'grp:gb', 'grp:gc', 'quick:quick']);
  });
});

describe('supervisor namespace: start', () => {
  it('checks in upstream order: BAD_NAME, command, ALREADY_STARTED, UNKNOWN', async () => {
    const { fault, proc } = build();
    expect(await fault('startProcess', 'nope')).toBe('10 BAD_NAME: nope');
    const alpha = proc('alpha', 'alpha');
    alpha.commandProblem = { fault: 'NO_FILE', message: "can't find command '/nope'" };
    expect(await fault('startProcess', 'alpha')).toBe("20 NO_FILE: can't find command '/nope'");
    alpha.commandProblem = { fault: 'NOT_EXECUTABLE', message: "command at '/tmp' is a directory" };
    expect(await fault('startProcess', 'alpha')).toBe("21 NOT_EXECUTABLE: command at '/tmp' is a directory");
    alpha.commandProblem = null;
    for (const state of ['RUNNING', 'STARTING', 'BACKOFF'] as const) {
      alpha.state = state;
      expect(await fault('startProcess', 'alpha')).toBe('60 ALREADY_STARTED: alpha');
    }
    alpha.state = 'UNKNOWN';
    expect(await fault('startProcess', 'alpha')).toBe('30 FAILED: alpha is in an unknown process state');
    alpha.state = 'STOPPED';
    alpha.onStart = () => 'fork failed';
    expect(await fault('startProcess', 'alpha')).toBe('50 SPAWN_ERROR: alpha');
  });

  it('wait=false answers at once; startsecs=0 answers at once', async () => {
    const { call, proc } = build();
    expect(await call('startProcess', 'alpha', false)).toBe(true);
    expect(proc('alpha', 'alpha').state).toBe('STARTING');
    expect(await call('startProcess', 'quick')).toBe(true);
  });

  it('wait=true answers when the process is RUNNING, without polling', async () => {
    const { call, proc } = build();
    const alpha = proc('alpha', 'alpha');
    const pending = call('startProcess', 'alpha', true);
    expect(await isPending(pending)).toBe(true);
    expect(alpha.listenerCount).toBe(1);
    alpha.setState('RUNNING');
    await expect(pending).resolves.toBe(true);
    expect(alpha.listenerCount).toBe(0);
  });

  it('wait=true ends with SPAWN_ERROR when a spawn error is recorded, ABNORMAL_TERMINATION otherwise', async () => {
    const { call, proc } = build();
    const alpha = proc('alpha', 'alpha');
    const first = call('startProcess', 'alpha');
    alpha.spawnerr = 'Exited too quickly (process log may have details)';
    alpha.setState('BACKOFF');
    await expect(first).rejects.toMatchObject({ code: 50, faultString: 'SPAWN_ERROR: alpha' });
    alpha.setState('STOPPED');
    const second = call('startProcess', 'alpha');
    alpha.setState('STOPPING');
    await expect(second).rejects.toMatchObject({ code: 40, faultString: 'ABNORMAL_TERMINATION: alpha' });
  });

  it('group start: a startsecs=0 start is listed with the immediate outcomes even when it settles after a failure', async () => {
    const model = new FakeModel([
      groupConfig('mix', [processConfig('slow', { priority: 1 }), processConfig('fast', { priority: 2, startsecs: 0 })], 10),
    ]);
    const { dispatcher } = createRpcRegistry(model, { now: () => 1_800_000_000 });
    const slow = model.group('mix').process('slow');
    const fast = model.group('mix').process('fast');
    // Like the real process: STARTING first, RUNNING a moment later even with startsecs=0.
    fast.onStart = (p) => {
      p.setState('STARTING');
      return null;
    };
    const pending = dispatcher.invoke('supervisor.startProcessGroup', ['mix']) as Promise<XmlRpcValue>;
    expect(await isPending(pending)).toBe(true);
    slow.spawnerr = 'Exited too quickly (process log may have details)';
    slow.setState('BACKOFF');
    expect(await isPending(pending)).toBe(true);
    fast.setState('RUNNING');
    expect(await pending).toEqual([
      { name: 'fast', group: 'mix', status: 80, description: 'OK' },
      { name: 'slow', group: 'mix', status: 50, description: 'SPAWN_ERROR: mix:slow' },
    ]);
  });

  it('group stop: processes that end together are reported in priority order, whatever order they ended in', async () => {
    const { call, proc } = build();
    const ga = proc('grp', 'ga');
    const gb = proc('grp', 'gb');
    ga.setState('RUNNING');
    gb.setState('RUNNING');
    const pending = call('stopProcessGroup', 'grp') as Promise<XmlRpcValue>;
    expect(await isPending(pending)).toBe(true);
    gb.setState('STOPPED');
    ga.setState('STOPPED');
    expect(await pending).toEqual([
      { name: 'ga', group: 'grp', status: 80, description: 'OK' },
      { name: 'gb', group: 'grp', status: 80, description: 'OK' },
    ]);
  });

  it('group start: skips running ones, immediate outcomes first in priority order, then deferred in completion order', async () => {
    const { call, proc } = build();
    const ga = proc('grp', 'ga');
    const gb = proc('grp', 'gb');
    const gc = proc('grp', 'gc');
    gc.commandProblem = { fault: 'NO_FILE', message: "can't find command '/x'" };
    const pending = call('startProcessGroup', 'grp') as Promise<XmlRpcValue>;
    expect(await isPending(pending)).toBe(true);
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      gb.setState('RUNNING');
      await jest.advanceTimersByTimeAsync(1000);
      expect(await isPending(pending)).toBe(true);
      ga.spawnerr = 'Exited too quickly (process log may have details)';
      ga.setState('BACKOFF');
      await jest.advanceTimersByTimeAsync(1000);
    } finally {
      jest.useRealTimers();
    }
    expect(await pending).toEqual([
      { name: 'gc', group: 'grp', status: 20, description: "NO_FILE: can't find command '/x'" },
      { name: 'gb', group: 'grp', status: 80, description: 'OK' },
      { name: 'ga', group: 'grp', status: 50, description: 'SPAWN_ERROR: grp:ga' },
    ]);
    expect(await call('startProcessGroup', 'grp')).toEqual([
      { name: 'gc', group: 'grp', status: 20, description: "NO_FILE: can't find command '/x'" },
    ]);
  });

  it('startProcess on group:* delegates to the group and returns an array', async () => {
    const { call } = build();
    expect(await call('startProcess', 'grp:*', false)).toEqual([
      { name: 'ga', group: 'grp', status: 80, description: 'OK' },
      { name: 'gb', group: 'grp', status: 80, description: 'OK' },
      { name: 'gc', group: 'grp', status: 80, description: 'OK' },
    ]);
  });

  it('startAllProcesses walks groups in model order and processes by priority', async () => {
    const { call } = build();
    const results = (await call('startAllProcesses', false)) as { name: string }[];
    expect(results.map((r) => r.name)).toEqual(['alpha', 'ga', 'gb', 'gc', 'quick']);
    expect(await call('startAllProcesses', false)).toEqual([]);
  });
});

describe('supervisor namespace: stop and signal', () => {
  it('stop faults: BAD_NAME, NOT_RUNNING, FAILED', async () => {
    const { fault, proc } = build();
    expect(await fault('stopProcess', 'grp:zz')).toBe('10 BAD_NAME: grp:zz');
    for (const state of ['STOPPED', 'STOPPING', 'EXITED', 'FATAL'] as const) {
      proc('alpha', 'alpha').state = state;
      expect(await fault('stopProcess', 'alpha')).toBe('70 NOT_RUNNING: alpha');
    }
    const alpha = proc('alpha', 'alpha');
    alpha.state = 'RUNNING';
    alpha.onStop = () => 'kill failed: ESRCH';
    expect(await fault('stopProcess', 'alpha')).toBe('30 FAILED: kill failed: ESRCH');
  });

  it('wait=true answers once stopped; BACKOFF stops at once', async () => {
    const { call, proc } = build();
    const alpha = proc('alpha', 'alpha');
    alpha.state = 'RUNNING';
    const pending = call('stopProcess', 'alpha');
    expect(await isPending(pending)).toBe(true);
    expect(alpha.state).toBe('STOPPING');
    alpha.setState('STOPPED');
    await expect(pending).resolves.toBe(true);
    alpha.state = 'BACKOFF';
    expect(await call('stopProcess', 'alpha')).toBe(true);
    alpha.state = 'RUNNING';
    expect(await call('stopProcess', 'alpha', false)).toBe(true);
  });

  it('stopProcessGroup stops running ones only', async () => {
    const { call, proc } = build();
    proc('grp', 'gb').state = 'RUNNING';
    expect(await call('stopProcessGroup', 'grp', false)).toEqual([{ name: 'gb', group: 'grp', status: 80, description: 'OK' }]);
    expect(await call('stopAllProcesses', false)).toEqual([]);
  });

  it('signal: BAD_NAME, BAD_SIGNAL before NOT_RUNNING, FAILED, success', async () => {
    const { call, fault, proc } = build();
    const alpha = proc('alpha', 'alpha');
    expect(await fault('signalProcess', 'nope', 'HUP')).toBe('10 BAD_NAME: nope');
    expect(await fault('signalProcess', 'alpha', 'BOGUS')).toBe('11 BAD_SIGNAL: BOGUS');
    expect(await fault('signalProcess', 'alpha', 'HUP')).toBe('70 NOT_RUNNING: alpha');
    alpha.state = 'STOPPING';
    expect(await call('signalProcess', 'alpha', ' usr1 ')).toBe(true);
    expect(alpha.signals).toEqual([10]);
    alpha.signalError = 'ESRCH';
    expect(await fault('signalProcess', 'alpha', 9)).toBe('30 FAILED: ESRCH');
  });

  it('group signal reports a bad signal per process', async () => {
    const { call, proc } = build();
    proc('grp', 'ga').state = 'RUNNING';
    proc('grp', 'gc').state = 'STARTING';
    expect(await call('signalProcessGroup', 'grp', 'BOGUS')).toEqual([
      { name: 'ga', group: 'grp', status: 11, description: 'BAD_SIGNAL: BOGUS' },
      { name: 'gc', group: 'grp', status: 11, description: 'BAD_SIGNAL: BOGUS' },
    ]);
    expect(await call('signalProcess', 'grp:*', 'TERM')).toEqual([
      { name: 'ga', group: 'grp', status: 80, description: 'OK' },
      { name: 'gc', group: 'grp', status: 80, description: 'OK' },
    ]);
  });
});

describe('supervisor namespace: logs', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpc-logs-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads and tails process logs with the fault rules', async () => {
    const { call, fault, proc } = build();
    const alpha = proc('alpha', 'alpha');
    expect(await fault('readProcessStdoutLog', 'alpha', 0, 0)).toBe('20 NO_FILE');
    expect(await call('tailProcessStdoutLog', 'alpha', 0, 10)).toEqual(['', 0, false]);
    alpha.stdoutLogPath = path.join(dir, 'out.log');
    expect(await fault('readProcessStdoutLog', 'alpha', 0, 0)).toBe(`20 NO_FILE: ${alpha.stdoutLogPath}`);
    fs.writeFileSync(alpha.stdoutLogPath, 'hello stdout\n');
    expect(await call('readProcessStdoutLog', 'alpha', 0, 5)).toBe('hello');
    expect(await call('readProcessLog', 'alpha', '-7', 0)).toBe('stdout\n');
    expect(await fault('readProcessStdoutLog', 'alpha', -5, 3)).toBe('3 BAD_ARGUMENTS');
    expect(await fault('readProcessStdoutLog', 'alpha', 'a', 0)).toBe('2 INCORRECT_PARAMETERS: offset must be an integer');
    expect(await call('tailProcessLog', 'alpha', 0, 5)).toEqual(['dout\n', 13, true]);
    expect(await fault('readProcessStderrLog', 'alpha', 0, 0)).toBe('20 NO_FILE');
    alpha.stderrLogPath = path.join(dir, 'err.log');
    fs.writeFileSync(alpha.stderrLogPath, 'oops\n');
    expect(await call('readProcessStderrLog', 'alpha', 0, 0)).toBe('oops\n');
    expect(await call('tailProcessStderrLog', 'alpha', 0, 100)).toEqual(['oops\n', 5, false]);
    expect(await fault('tailProcessStderrLog', 'grp:*', 0, 100)).toBe('10 BAD_NAME: grp:*');
  });

  it('reads and clears the main log', async () => {
    const { call, fault, model } = build();
    expect(await fault('readLog', 0, 0)).toBe('20 NO_FILE');
    expect(await fault('clearLog')).toBe('20 NO_FILE');
    model.mainLogPath = path.join(dir, 'supervisord.log');
    expect(await fault('readMainLog', 0, 0)).toBe(`20 NO_FILE: ${model.mainLogPath}`);
    fs.writeFileSync(model.mainLogPath, 'line one\nline two\n');
    expect(await call('readLog', -9, 0)).toBe('line two\n');
    expect(await call('clearLog')).toBe(true);
    expect(model.calls).toEqual(['clearMainLog']);
    model.clearMainLogThrows = true;
    expect(await fault('clearLog')).toBe('30 FAILED');
  });

  it('clears process logs', async () => {
    const { call, fault, proc } = build();
    expect(await call('clearProcessLogs', 'alpha')).toBe(true);
    expect(await call('clearProcessLog', 'alpha')).toBe(true);
    expect(proc('alpha', 'alpha').clearCount).toBe(2);
    expect(await fault('clearProcessLogs', 'grp:*')).toBe('10 BAD_NAME: grp:*');
    proc('grp', 'gb').clearThrows = true;
    expect(await fault('clearProcessLogs', 'grp:gb')).toBe('30 FAILED: grp:gb');
    expect(await call('clearAllProcessLogs')).toEqual([
      { name: 'alpha', group: 'alpha', status: 80, description: 'OK' },
      { name: 'ga', group: 'grp', status: 80, description: 'OK' },
      { name: 'gb', group: 'grp', status: 30, description: 'FAILED: grp:gb' },
      { name: 'gc', group: 'grp', status: 80, description: 'OK' },
      { name: 'quick', group: 'quick', status: 80, description: 'OK' },
    ]);
  });
});

describe('supervisor namespace: configuration and groups', () => {
  it('reloadConfig wraps the three lists in one element; errors are CANT_REREAD', async () => {
    const { call, fault, model } = build();
    model.reloadOutcome = { added: ['new'], changed: ['grp'], removed: ['old'] };
    expect(await call('reloadConfig')).toEqual([[['new'], ['grp'], ['old']]]);
    model.reloadOutcome = new Error("not a valid boolean value: 'maybe' in section 'program:broken'");
    expect(await fault('reloadConfig')).toBe("92 CANT_REREAD: not a valid boolean value: 'maybe' in section 'program:broken'");
  });

  it('adds and removes groups with their faults', async () => {
    const { call, fault, model, proc } = build();
    expect(await fault('addProcessGroup', 'nope')).toBe('10 BAD_NAME: nope');
    expect(await fault('addProcessGroup', 'alpha')).toBe('90 ALREADY_ADDED: alpha');
    proc('alpha', 'alpha').state = 'RUNNING';
    expect(await fault('removeProcessGroup', 'alpha')).toBe('91 STILL_RUNNING: alpha');
    expect(await fault('removeProcessGroup', 'grp:ga')).toBe('10 BAD_NAME: grp:ga');
    expect(await call('removeProcessGroup', 'quick')).toBe(true);
    expect(model.getGroup('quick')).toBeUndefined();
    expect(await call('addProcessGroup', 'quick')).toBe(true);
  });

  it('getAllConfigInfo: upstream keys, sorted by process name, log names as upstream reports them', async () => {
    const { call, model, proc } = build();
    proc('grp', 'ga').stdoutLogPath = '/logs/ga-stdout.log';
    model.available = [
      ...model.available,
      groupConfig('apps', [processConfig('queue', { stdout_logfile: null, redirect_stderr: true, directory: '/srv', uid: 1000, serverurl: 'AUTO' })], 5),
    ];
    const infos = (await call('getAllConfigInfo')) as Record<string, XmlRpcValue>[];
    expect(infos.map((i) => i.name)).toEqual(['alpha', 'ga', 'gb', 'gc', 'queue', 'quick']);
    expect(Object.keys(infos[0])).toEqual([
      'autostart', 'directory', 'uid', 'command', 'exitcodes', 'group', 'group_prio', 'inuse', 'killasgroup', 'name',
      'process_prio', 'redirect_stderr', 'startretries', 'startsecs', 'stdout_capture_maxbytes', 'stdout_events_enabled',
      'stdout_logfile', 'stdout_logfile_backups', 'stdout_logfile_maxbytes', 'stdout_syslog', 'stopsignal', 'stopwaitsecs',
      'stderr_capture_maxbytes', 'stderr_events_enabled', 'stderr_logfile', 'stderr_logfile_backups',
      'stderr_logfile_maxbytes', 'stderr_syslog', 'serverurl',
    ]);
    expect(infos[1]).toMatchObject({ name: 'ga', group: 'grp', group_prio: 20, process_prio: 1, inuse: true, stdout_logfile: '/logs/ga-stdout.log', stderr_logfile: 'auto', directory: 'none', uid: 'none', stopsignal: 15, exitcodes: [0], serverurl: 'none' });
    expect(infos[4]).toMatchObject({ name: 'queue', group: 'apps', inuse: false, stdout_logfile: 'none', stderr_logfile: 'none', directory: '/srv', uid: 1000, serverurl: 'none' });
  });

  it('sendProcessStdin checks in upstream order', async () => {
    const { call, fault, proc } = build();
    expect(await fault('sendProcessStdin', 'nope', 5)).toBe('2 INCORRECT_PARAMETERS: 5');
    expect(await fault('sendProcessStdin', 'nope', 'x')).toBe('10 BAD_NAME: nope');
    expect(await fault('sendProcessStdin', 'alpha', 'x')).toBe('70 NOT_RUNNING: alpha');
    const alpha = proc('alpha', 'alpha');
    alpha.state = 'RUNNING';
    alpha.pid = 99;
    expect(await call('sendProcessStdin', 'alpha', 'héllo\n')).toBe(true);
    expect(Buffer.concat(alpha.stdin).toString('utf8')).toBe('héllo\n');
    alpha.state = 'STOPPING';
    expect(await fault('sendProcessStdin', 'alpha', 'x')).toBe('70 NOT_RUNNING: alpha');
    alpha.state = 'RUNNING';
    alpha.stdinClosed = true;
    expect(await fault('sendProcessStdin', 'alpha', 'x')).toBe('20 NO_FILE: alpha');
  });
});

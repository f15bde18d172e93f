/**
 * twiddler.* against our supervisord, driven by Python's own xmlrpc.client: the session of the
 * original twiddler documentation (addGroup + addProcessToGroup), the supervisor_twiddler 1.0 API
 * with its faults and whitelist, runtime programs that survive `supervisorctl update`, the
 * PROCESS_GROUP_ADDED/REMOVED events, and the refusal to load on an inet server without a password.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startOurSupervisord, type OurSupervisord } from '../helpers/our-supervisord';

const PYTHON = '/usr/bin/python3';
const REAL_SUPERVISORCTL = '/usr/bin/supervisorctl';
const USER = 'twiddle';
const PASSWORD = 'secret-word';


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs Python code with `s` bound to a ServerProxy for `url`. Helpers inside the code:
 * `attempt(fn, *args)` gives `{'ok': result}` or `{'fault': code, 'text': faultString}`;
 * `wait_for(fn, what)` polls fn until it returns something truthy (10 s deadline). The code fills
 * the dict `out`, which comes back parsed from JSON.
 */
const PYTHON_PRELUDE = `
import json, sys, time, xmlrpc.client
s = xmlrpc.client.ServerProxy(sys.argv[1])
out = {}
def attempt(fn, *args):
    try:
        return {'ok': fn(*args)}
    except xmlrpc.client.Fault as fault:
        return {'fault': fault.faultCode, 'text': fault.faultString}
def wait_for(fn, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = fn()
        except (OSError, xmlrpc.client.ProtocolError):
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError('gave up waiting for ' + what)
        time.sleep(0.05)
def states():
    return {'%s:%s' % (p['group'], p['name']): p['statename'] for p in s.supervisor.getAllProcessInfo()}
`;

/** `daemon`, when given, has its output appended to a failure, to show why the call failed. */
function runPython<T = Record<string, unknown>>(url: string, code: string, daemon?: OurSupervisord): Promise<T> {
  const script = `${PYTHON_PRELUDE}\n${code}\nprint(json.dumps(out))\n`;
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ['-c', script, url], { timeout: 25000 }, (error, stdout, stderr) => {
      if (error) {
        const context = daemon ? `\n--- supervisord output ---\n${daemon.output()}` : '';
        reject(new Error(`python failed (${error.message}):\n${stderr}\n${stdout}${context}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as T);
      } catch {
        reject(new Error(`python printed no JSON:\n${stdout}\n${stderr}`));
      }
    });
  });
}

async function waitForFile(file: string, pattern: RegExp, timeoutMs = 10000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${file} never matched ${pattern}; it holds:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function runRealSupervisorctl(configPath: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(REAL_SUPERVISORCTL, ['-c', configPath, ...args], { timeout: 25000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, output: stdout + stderr });
    });
  });
}

/** An event listener that appends `EVENTNAME payload` lines to the file named by its argument. */
const LISTENER_SCRIPT = `
import sys
path = sys.argv[1]
while True:
    sys.stdout.write('READY\\n')
    sys.stdout.flush()
    header = sys.stdin.readline()
    if not header:
        break
    fields = dict(token.split(':', 1) for token in header.split())
    payload = sys.stdin.read(int(fields['len']))
    with open(path, 'a') as events:
        events.write(fields['eventname'] + ' ' + payload.strip() + '\\n')
    sys.stdout.write('RESULT 2\\nOK')
    sys.stdout.flush()
`;

function mainConf(port: number, scratch: string): string {
  return `[supervisord]
logfile={{dir}}/supervisord.log
pidfile={{dir}}/supervisord.pid
childlogdir={{dir}}
loglevel=info
nodaemon=true

[inet_http_server]
port=127.0.0.1:${port}
username=${USER}
password=${PASSWORD}

[supervisorctl]
serverurl=http://127.0.0.1:${port}
username=${USER}
password=${PASSWORD}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[rpcinterface:twiddler]
supervisor.rpcinterface_factory = supervisor_twiddler.rpcinterface:make_twiddler_rpcinterface

[rpcinterface:limited]
supervisor.rpcinterface_factory = @supervisor-ts/rpc-twiddler:make_twiddler_rpcinterface
whitelist = getAPIVersion, getGroupNames

[program:base]
command=/bin/sleep 1000
startsecs=0
stopwaitsecs=2

[group:dyn]

[eventlistener:groupwatch]
command=${PYTHON} -u ${path.join(scratch, 'listener.py')} ${path.join(scratch, 'events.txt')}
events=PROCESS_GROUP_ADDED,PROCESS_GROUP_REMOVED
startsecs=0
stopwaitsecs=2
`;
}

const TWIDDLER_METHODS = [
  'addGroup',
  'addProcessToGroup',
  'addProgramToGroup',
  'getAPIVersion',
  'getGroupNames',
  'log',
  'removeGroup',
  'removeProcessFromGroup',
];

describe('twiddler on our supervisord, through Python xmlrpc.client', () => {
  let daemon: OurSupervisord;
  let scratch: string;
  let url: string;
  let eventsFile: string;

  function py<T = Record<string, unknown>>(code: string): Promise<T> {
    return runPython<T>(url, code, daemon);
  }

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'twiddler-e2e-'));
    fs.writeFileSync(path.join(scratch, 'listener.py'), LISTENER_SCRIPT);
    eventsFile = path.join(scratch, 'events.txt');
    const port = await freePort();
    url = `http://${USER}:${PASSWORD}@127.0.0.1:${port}/RPC2`;
    daemon = await startOurSupervisord({ conf: mainConf(port, scratch) });
    await py("wait_for(lambda: s.supervisor.getState()['statename'] == 'RUNNING', 'supervisord to run')");
  });

  afterAll(async () => {
    await daemon?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the session of the original documentation: addGroup, addProcessToGroup, start, read the log', async () => {
    const out = await py<{
      addGroup: boolean;
      addProcessToGroup: boolean;
      startProcess: boolean;
      log: string;
      groups: string[];
    }>(`
out['addGroup'] = s.twiddler.addGroup('dynamic_procs', 999)
out['addProcessToGroup'] = s.twiddler.addProcessToGroup('dynamic_procs', 'ls', {'command': 'ls -l', 'autostart': 'false', 'autorestart': 'false', 'startsecs': '0'})
out['startProcess'] = s.supervisor.startProcess('dynamic_procs:ls')
# ls may still be writing when startProcess answers: read until its listing is there.
def listing():
    try:
        text = s.supervisor.readProcessLog('dynamic_procs:ls', 0, 50)
    except xmlrpc.client.Fault as fault:
        if fault.faultCode != 20:  # NO_FILE: nothing written yet
            raise
        return None
    return text if text.startswith('total ') else None
out['log'] = wait_for(listing, 'the ls listing')
out['groups'] = s.twiddler.getGroupNames()
`,
    );
    expect(out.addGroup).toBe(true);
    expect(out.addProcessToGroup).toBe(true);
    expect(out.startProcess).toBe(true);
    expect(out.log).toMatch(/^total \d+\n/);
    expect(out.log.length).toBeLessThanOrEqual(50);
    expect(out.groups).toContain('dynamic_procs');

    const removal = await py<Record<string, unknown>>(`
out['unknown'] = attempt(s.twiddler.removeGroup, 'nogroup')
wait_for(lambda: states().get('dynamic_procs:ls') == 'EXITED', 'ls to exit')
out['removeProcess'] = s.twiddler.removeProcessFromGroup('dynamic_procs', 'ls')
out['removeGroup'] = s.twiddler.removeGroup('dynamic_procs')
out['groups'] = s.twiddler.getGroupNames()
out['again'] = attempt(s.twiddler.removeGroup, 'dynamic_procs')
`,
    );
    expect(removal).toEqual({
      unknown: { fault: 10, text: 'BAD_NAME: group: nogroup' },
      removeProcess: true,
      removeGroup: true,
      groups: ['groupwatch', 'base', 'dyn'],
      again: { fault: 10, text: 'BAD_NAME: group: dynamic_procs' },
    });
    // Checked last, so that a missing event does not leave the group behind for the other tests.
    await waitForFile(eventsFile, /^PROCESS_GROUP_ADDED groupname:dynamic_procs$/m);
    await waitForFile(eventsFile, /^PROCESS_GROUP_REMOVED groupname:dynamic_procs$/m);
  });

  it('refuses to remove a group while one of its processes runs', async () => {
    const out = await py(`
s.twiddler.addGroup('busy', 500)
s.twiddler.addProgramToGroup('busy', 'sleeper', {'command': '/bin/sleep 1000', 'startsecs': '0', 'stopwaitsecs': '2'})
wait_for(lambda: states().get('busy:sleeper') == 'RUNNING', 'busy:sleeper to run')
out['running'] = attempt(s.twiddler.removeGroup, 'busy')
s.supervisor.stopProcess('busy:sleeper')
out['stopped'] = attempt(s.twiddler.removeGroup, 'busy')
out['duplicate'] = attempt(s.twiddler.addGroup, 'base', 1)
out['badPriority'] = attempt(s.twiddler.addGroup, 'other', 'high')
`,
    );
    expect(out).toEqual({
      running: { fault: 91, text: 'STILL_RUNNING: busy' },
      stopped: { ok: true },
      duplicate: { fault: 10, text: 'BAD_NAME: base' },
      badPriority: { fault: 2, text: "INCORRECT_PARAMETERS: priority must be an integer, got 'high'" },
    });
  });

  it('publishes the methods with their signatures, and answers the 1.0 simple methods', async () => {
    const out = await py<Record<string, unknown>>(`
names = s.system.listMethods()
out['twiddler'] = [n for n in names if n.startswith('twiddler.')]
out['limited'] = [n for n in names if n.startswith('limited.')]
out['signatures'] = {n: s.system.methodSignature('twiddler.' + n) for n in ['addProgramToGroup', 'getAPIVersion', 'getGroupNames', 'log', 'removeProcessFromGroup']}
out['help'] = len(s.system.methodHelp('twiddler.addProgramToGroup')) > 0
out['version'] = s.twiddler.getAPIVersion()
out['groups'] = s.twiddler.getGroupNames()
out['log'] = [s.twiddler.log('hello from twiddler'), s.twiddler.log('warn msg', 'WARN'), s.twiddler.log('err msg', 40)]
out['badLevels'] = [attempt(s.twiddler.log, 'x', level) for level in ['40', 'critical', 999]]
out['noArgs'] = attempt(s.twiddler.log)
`,
    );
    expect(out).toEqual({
      twiddler: TWIDDLER_METHODS.map((n) => `twiddler.${n}`),
      limited: TWIDDLER_METHODS.map((n) => `limited.${n}`),
      signatures: {
        addProgramToGroup: ['boolean', 'string', 'string', 'struct'],
        getAPIVersion: ['int'],
        getGroupNames: ['array'],
        log: ['boolean', 'string', 'string|int'],
        removeProcessFromGroup: ['boolean', 'string', 'string'],
      },
      help: true,
      version: '1.0',
      groups: ['groupwatch', 'base', 'dyn'],
      log: [true, true, true],
      badLevels: [
        { fault: 2, text: 'INCORRECT_PARAMETERS' },
        { fault: 2, text: 'INCORRECT_PARAMETERS' },
        { fault: 2, text: 'INCORRECT_PARAMETERS' },
      ],
      noArgs: { fault: 2, text: 'INCORRECT_PARAMETERS' },
    });
    const stamp = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}`;
    const logFile = path.join(daemon.dir, 'supervisord.log');
    await waitForFile(logFile, new RegExp(`^${stamp} INFO hello from twiddler$`, 'm'));
    await waitForFile(logFile, new RegExp(`^${stamp} WARN warn msg$`, 'm'));
    await waitForFile(logFile, new RegExp(`^${stamp} ERRO err msg$`, 'm'));
  });

  it('adds programs with addProgramToGroup and removes stopped processes, with the 1.0 faults', async () => {
    const out = await py<Record<string, unknown>>(`
add = s.twiddler.addProgramToGroup
out['added'] = [
    add('dyn', 'auto1', {'command': '/bin/sleep 1000', 'startsecs': '0', 'stopwaitsecs': '2'}),
    add('dyn', 'man1', {'command': '/bin/sleep 1000', 'autostart': 'false'}),
    add('dyn', 'multi', {'command': '/bin/sleep 1000', 'autostart': 'false', 'numprocs': '2', 'process_name': '%(program_name)s_%(process_num)d'}),
    add('dyn', 'pbool', {'command': '/bin/sleep 1000', 'autostart': False}),
    add('dyn', 'pint', {'command': '/bin/sleep 1000', 'autostart': 'false', 'startsecs': 0}),
    add('dyn', 'unk', {'command': '/bin/sleep 1000', 'bogus_key': '1', 'autostart': 'false'}),
    add('dyn', 'pairs', [['command', '/bin/true'], ['autostart', 'false']]),
]
out['duplicate'] = attempt(add, 'dyn', 'man1', {'command': '/bin/sleep 1000'})
out['noGroup'] = attempt(add, 'nope', 'p', {'command': '/bin/true'})
out['notMapping'] = attempt(add, 'dyn', 'p', 42)
out['noCommand'] = attempt(add, 'dyn', 'p', {})
out['badBool'] = attempt(add, 'dyn', 'p', {'command': '/bin/true', 'autostart': 'maybe'})
out['badName'] = attempt(add, 'dyn', 'a:b', {'command': '/bin/true'})
out['limitedAdd'] = attempt(s.limited.addProgramToGroup, 'dyn', 'p', {'command': '/bin/true'})
out['limitedLog'] = attempt(s.limited.log, 'x')
out['limitedVersion'] = s.limited.getAPIVersion()
wait_for(lambda: states().get('dyn:auto1') == 'RUNNING', 'dyn:auto1 to run')
out['states'] = {k: v for k, v in states().items() if k.startswith('dyn:')}
out['stillRunning'] = attempt(s.twiddler.removeProcessFromGroup, 'dyn', 'auto1')
out['noProcess'] = attempt(s.twiddler.removeProcessFromGroup, 'dyn', 'nope')
out['noGroupRemove'] = attempt(s.twiddler.removeProcessFromGroup, 'nogrp', 'x')
out['removeMulti0'] = s.twiddler.removeProcessFromGroup('dyn', 'multi_0')
s.supervisor.stopProcess('dyn:auto1')
out['removeAuto1'] = s.twiddler.removeProcessFromGroup('dyn', 'auto1')
out['after'] = sorted(k for k in states() if k.startswith('dyn:'))
`,
    );
    const where = (section: string) => ` in section '${section}' \\(file: '${escapeRegExp(daemon.configPath)}'\\)$`;
    expect(out).toMatchObject({
      added: [true, true, true, true, true, true, true],
      duplicate: { fault: 10, text: 'BAD_NAME: man1' },
      noGroup: { fault: 10, text: 'BAD_NAME: group: nope' },
      notMapping: { fault: 2, text: 'INCORRECT_PARAMETERS' },
      noCommand: {
        fault: 2,
        text: `INCORRECT_PARAMETERS: program section program:p does not specify a command in section 'program:p' (file: '${daemon.configPath}')`,
      },
      badBool: { fault: 2, text: expect.stringMatching(new RegExp(`^INCORRECT_PARAMETERS: not a valid boolean value: 'maybe'.*${where('program:p')}`)) },
      badName: {
        fault: 2,
        text: expect.stringMatching(new RegExp(`^INCORRECT_PARAMETERS: Invalid name: 'a:b' because of character: ':'.*${where('program:a:b')}`)),
      },
      limitedAdd: { fault: 230, text: 'UNKNOWN: addProgramToGroup' },
      limitedLog: { fault: 230, text: 'UNKNOWN: log' },
      limitedVersion: '1.0',
      states: {
        'dyn:auto1': 'RUNNING',
        'dyn:man1': 'STOPPED',
        'dyn:multi_0': 'STOPPED',
        'dyn:multi_1': 'STOPPED',
        'dyn:pbool': 'STOPPED',
        'dyn:pint': 'STOPPED',
        'dyn:unk': 'STOPPED',
        'dyn:pairs': 'STOPPED',
      },
      stillRunning: { fault: 91, text: 'STILL_RUNNING: auto1' },
      noProcess: { fault: 10, text: 'BAD_NAME: nope' },
      noGroupRemove: { fault: 10, text: 'BAD_NAME: group: nogrp' },
      removeMulti0: true,
      removeAuto1: true,
      after: ['dyn:man1', 'dyn:multi_1', 'dyn:pairs', 'dyn:pbool', 'dyn:pint', 'dyn:unk'],
    });
  });

  it('keeps runtime groups and programs through reloadConfig and a real supervisorctl update', async () => {
    const before = await py<{ pids: Record<string, number> }>(`
s.twiddler.addGroup('runtime', 5)
s.twiddler.addProgramToGroup('runtime', 'keep', {'command': '/bin/sleep 1000', 'startsecs': '0', 'stopwaitsecs': '2'})
s.twiddler.addProgramToGroup('dyn', 'kept', {'command': '/bin/sleep 1000', 'startsecs': '0', 'stopwaitsecs': '2'})
wait_for(lambda: states().get('runtime:keep') == 'RUNNING' and states().get('dyn:kept') == 'RUNNING', 'the runtime programs to run')
out['pids'] = {'%s:%s' % (p['group'], p['name']): p['pid'] for p in s.supervisor.getAllProcessInfo()}
`,
    );
    const unchanged = await py("out['reload'] = s.supervisor.reloadConfig()");
    expect(unchanged).toEqual({ reload: [[[], [], []]] });

    // The file changes under the running daemon: [group:dyn] gets a new priority (so dyn really
    // changed and update recreates it) and a new program appears elsewhere.
    const original = fs.readFileSync(daemon.configPath, 'utf8');
    fs.writeFileSync(
      daemon.configPath,
      original.replace('[group:dyn]\n', '[group:dyn]\npriority=998\n') +
        '\n[program:later]\ncommand=/bin/sleep 1000\nautostart=false\n',
    );
    const reread = await py("out['reload'] = s.supervisor.reloadConfig()");
    expect(reread).toEqual({ reload: [[['later'], ['dyn'], []]] });

    const update = await runRealSupervisorctl(daemon.configPath, ['update']);
    expect(update).toMatchObject({ code: 0 });
    expect(update.output).not.toMatch(/runtime/);

    const out = await py<{ groups: string[]; states: Record<string, string>; pids: Record<string, number>; reload: unknown }>(`
out['groups'] = sorted(s.twiddler.getGroupNames())
wait_for(lambda: states().get('dyn:kept') == 'RUNNING', 'dyn:kept to run again in the recreated dyn')
out['states'] = states()
out['pids'] = {'%s:%s' % (p['group'], p['name']): p['pid'] for p in s.supervisor.getAllProcessInfo()}
out['reload'] = s.supervisor.reloadConfig()
`,
    );
    expect(out.groups).toEqual(['base', 'dyn', 'groupwatch', 'later', 'runtime']);
    expect(out.states).toMatchObject({
      'runtime:keep': 'RUNNING',
      'dyn:kept': 'RUNNING',
      'dyn:man1': 'STOPPED',
      'later:later': 'STOPPED',
    });
    // The runtime group was left alone; dyn was recreated with its runtime programs in it.
    expect(out.pids['runtime:keep']).toBe(before.pids['runtime:keep']);
    expect(out.pids['dyn:kept']).not.toBe(before.pids['dyn:kept']);
    expect(out.reload).toEqual([[[], [], []]]);
  });

  it('forgets runtime groups and programs at restart, as the original does', async () => {
    const out = await py<{ groups: string[]; processes: string[] }>(`
s.supervisor.restart()
def restarted():
    try:
        return s.supervisor.getState()['statename'] == 'RUNNING' and 'runtime' not in s.twiddler.getGroupNames()
    except xmlrpc.client.Fault as fault:
        if fault.faultCode != 6:  # SHUTDOWN_STATE: the restart is still under way
            raise
        return False
wait_for(restarted, 'supervisord to come back after the restart')
out['groups'] = sorted(s.twiddler.getGroupNames())
out['processes'] = sorted(k for k in states() if k.startswith('dyn:'))
`,
    );
    expect(out.groups).toEqual(['base', 'dyn', 'groupwatch', 'later']);
    expect(out.processes).toEqual([]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('twiddler on an inet server without a password', () => {
  it('makes supervisord refuse to start, naming the option that allows it', async () => {
    const port = await freePort();
    const daemon = await startOurSupervisord({
      conf:
        `[supervisord]\nlogfile={{dir}}/supervisord.log\npidfile={{dir}}/supervisord.pid\nchildlogdir={{dir}}\nnodaemon=true\n\n` +
        `[inet_http_server]\nport=127.0.0.1:${port}\n\n` +
        `[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n` +
        `[rpcinterface:twiddler]\nsupervisor.rpcinterface_factory = supervisor_twiddler.rpcinterface:make_twiddler_rpcinterface\n\n` +
        `[program:never]\ncommand=/bin/sleep 1000\n`,
    });
    try {
      const exitCode = await daemon.waitForExit(15000);
      expect(exitCode).not.toBe(0);
      expect(daemon.output()).toContain('twiddler refuses to load');
      expect(daemon.output()).toContain('allow_unauthenticated_inet = true');
    } finally {
      await daemon.stop();
    }
  });

  it('loads when the section says allow_unauthenticated_inet = true (factory named by the bare package)', async () => {
    const port = await freePort();
    const daemon = await startOurSupervisord({
      conf:
        `[supervisord]\nlogfile={{dir}}/supervisord.log\npidfile={{dir}}/supervisord.pid\nchildlogdir={{dir}}\nnodaemon=true\n\n` +
        `[inet_http_server]\nport=127.0.0.1:${port}\n\n` +
        `[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n` +
        // The bare package name: the module's default export is the factory.
        `[rpcinterface:twiddler]\nsupervisor.rpcinterface_factory = @supervisor-ts/rpc-twiddler\n` +
        `allow_unauthenticated_inet = true\n`,
    });
    try {
      const out = await runPython(
        `http://127.0.0.1:${port}/RPC2`,
        "out['version'] = wait_for(lambda: s.twiddler.getAPIVersion(), 'twiddler to answer')",
        daemon,
      );
      expect(out).toEqual({ version: '1.0' });
    } finally {
      await daemon.stop();
    }
  });
});

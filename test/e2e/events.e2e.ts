/**
 * Events and event listeners end to end: real listeners built on Python's supervisor.childutils
 * run under our supervisord; what they read is compared with what the same listeners read under
 * the real supervisord 4.2.5.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XmlRpcClient } from '../../packages/supervisorctl/src/rpc/client';
import { startOurSupervisord, waitUntil, type OurSupervisord } from '../helpers/our-supervisord';
import { runCtl } from '../helpers/ctl-runner';
import { startRealSupervisord, type RealSupervisord } from '../helpers/real-supervisord';

const LISTENERS = path.resolve(__dirname, '../fixtures/listeners');
const PROGRAMS = path.resolve(__dirname, '../fixtures/programs');
const PYTHON = '/usr/bin/python3';

interface Recorded {
  /** Header line and payload exactly as the listener read them. */
  raw: string;
  answer: string;
  pid: number;
}

interface Envelope {
  headers: Record<string, string>;
  payload: string;
}

function parseEnvelope(raw: string): Envelope {
  const newline = raw.indexOf('\n');
  const headers = Object.fromEntries(
    raw
      .slice(0, newline)
      .split(' ')
      .map((token) => [token.slice(0, token.indexOf(':')), token.slice(token.indexOf(':') + 1)]),
  );
  return { headers, payload: raw.slice(newline + 1) };
}

function readRecords(file: string): Recorded[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Recorded);
}

/**
 * Waits until what the listener recorded matches (the raw texts of all records, in order, joined
 * by a blank line); returns every record so far.
 */
function waitForRecord(file: string, pattern: RegExp, timeoutMs = 10000): Promise<Recorded[]> {
  return waitUntil(
    `a recorded event matching ${pattern}`,
    () => {
      const records = readRecords(file);
      return pattern.test(records.map((record) => record.raw).join('\n\n')) ? records : undefined;
    },
    timeoutMs,
  );
}

/**
 * What a listener read with the parts that differ between runs replaced: pids. Checks first that
 * `len` is the payload length in code points, then drops it (pids change it).
 */
function normalized(records: Recorded[]): string[] {
  return records.map((record) => {
    const { headers, payload } = parseEnvelope(record.raw);
    expect(Number(headers.len)).toBe([...payload].length);
    expect(record.raw).toBe(
      `ver:3.0 server:supervisor serial:${headers.serial} pool:${headers.pool} poolserial:${headers.poolserial} ` +
        `eventname:${headers.eventname} len:${headers.len}\n${payload}`,
    );
    return `${record.raw.replace(/ len:\d+\n/, '\n').replace(/pid:\d+/g, 'pid:N')} -> ${record.answer}`;
  });
}

function ourConf(body: string, serverExtra: string): string {
  return (
    `[supervisord]\nlogfile={{dir}}/supervisord.log\npidfile={{dir}}/supervisord.pid\nchildlogdir={{dir}}\n` +
    `loglevel=debug\n\n[unix_http_server]\nfile={{dir}}/supervisor.sock\n${serverExtra}\n` +
    `[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n` +
    `${body}\n`
  );
}

const ourDaemons: OurSupervisord[] = [];
const realDaemons: RealSupervisord[] = [];
const clients: XmlRpcClient[] = [];
const scratchDirs: string[] = [];

async function startOurs(
  body: string,
  auth?: { username: string; password: string },
): Promise<{ daemon: OurSupervisord; rpc: XmlRpcClient }> {
  const serverExtra = auth ? `username=${auth.username}\npassword=${auth.password}\n` : '';
  const daemon = await startOurSupervisord({ conf: ourConf(body, serverExtra) });
  ourDaemons.push(daemon);
  const rpc = new XmlRpcClient(`unix://${path.join(daemon.dir, 'supervisor.sock')}`, auth ?? {});
  clients.push(rpc);
  await waitUntil('the RPC server', () => fs.existsSync(path.join(daemon.dir, 'supervisor.sock')));
  await daemon.waitForLog('supervisord started with pid');
  return { daemon, rpc };
}

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-e2e-'));
  scratchDirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all([
    ...ourDaemons.splice(0).map((daemon) => daemon.stop()),
    ...realDaemons.splice(0).map((daemon) => daemon.stop()),
  ]);
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Program sections shared by the comparison runs, in name order (both daemons sort the same). */
function comparisonPrograms(recordFile: string): string {
  return (
    `[eventlistener:rec]\ncommand=${PYTHON} ${LISTENERS}/recording-listener.py ${recordFile}\n` +
    `events=PROCESS_STATE,PROCESS_LOG,PROCESS_COMMUNICATION,REMOTE_COMMUNICATION,SUPERVISOR_STATE_CHANGE,PROCESS_GROUP\n` +
    `buffer_size=50\nstartsecs=0\nautorestart=true\n\n` +
    `[program:logger]\ncommand=${PYTHON} ${PROGRAMS}/echo-stdin.py\nstartsecs=0\nstdout_events_enabled=true\n\n` +
    `[program:quick]\ncommand=/bin/sh -c "exit 3"\nautostart=false\nautorestart=false\nstartsecs=0\n\n` +
    `[program:sleeper]\ncommand=/bin/sleep 1000\nstartsecs=0\nstopwaitsecs=2\n\n` +
    `[program:talker]\ncommand=${PYTHON} ${PROGRAMS}/echo-stdin.py\nstartsecs=0\nstdout_capture_maxbytes=1000\n`
  );
}

/** Drives a daemon through a fixed script; every step waits for the listener to have seen its result. */
async function runComparisonScript(rpc: XmlRpcClient, recordFile: string): Promise<Recorded[]> {
  await waitForRecord(recordFile, /PROCESS_STATE_RUNNING.*\nprocessname:talker /);
  await rpc.call('supervisor.sendRemoteCommEvent', 't1', 'café one');
  await waitForRecord(recordFile, /café one/);
  await rpc.call('supervisor.sendProcessStdin', 'logger', 'hello café\n');
  await waitForRecord(recordFile, /PROCESS_LOG_STDOUT.*\n.*\nhello café\n/);
  await rpc.call(
    'supervisor.sendProcessStdin',
    'talker',
    'before<!--XSUPERVISOR:BEGIN-->captured café<!--XSUPERVISOR:END-->after\n',
  );
  await waitForRecord(recordFile, /PROCESS_COMMUNICATION_STDOUT/);
  await rpc.call('supervisor.sendRemoteCommEvent', 't2', 'please fail-once');
  await waitForRecord(recordFile, /please fail-once[^]*please fail-once/);
  await rpc.call('supervisor.stopProcess', 'sleeper');
  await waitForRecord(recordFile, /PROCESS_STATE_STOPPED.*\nprocessname:sleeper /);
  await rpc.call('supervisor.startProcess', 'quick', false);
  await waitForRecord(recordFile, /PROCESS_STATE_EXITED.*\nprocessname:quick /);
  await rpc.call('supervisor.removeProcessGroup', 'quick');
  await waitForRecord(recordFile, /PROCESS_GROUP_REMOVED/);
  await rpc.call('supervisor.addProcessGroup', 'quick');
  await waitForRecord(recordFile, /PROCESS_GROUP_ADDED.*\ngroupname:quick\n[^]*PROCESS_GROUP_ADDED.*\ngroupname:quick\n/);
  await rpc.call('supervisor.sendRemoteCommEvent', 't3', 'then die-once');
  await waitForRecord(recordFile, /then die-once[^]*then die-once/);
  await waitForRecord(recordFile, /PROCESS_STATE_RUNNING.*\nprocessname:rec [^]*then die-once[^]*PROCESS_STATE_RUNNING.*\nprocessname:rec /);
  await rpc.call('supervisor.sendRemoteCommEvent', 't4', 'last');
  return waitForRecord(recordFile, /\nlast$/);
}

describe('events and listeners', () => {
  test('a childutils listener reads byte for byte what it reads under supervisord 4.2.5', async () => {
    const realRecord = path.join(scratch(), 'real.jsonl');
    const real = await startRealSupervisord({ programs: comparisonPrograms(realRecord) });
    realDaemons.push(real);
    const realRpc = new XmlRpcClient(real.serverUrl);
    clients.push(realRpc);
    const realSeen = await runComparisonScript(realRpc, realRecord);

    const ourRecord = path.join(scratch(), 'ours.jsonl');
    const { daemon, rpc } = await startOurs(comparisonPrograms(ourRecord));
    const ourSeen = await runComparisonScript(rpc, ourRecord);

    expect(normalized(ourSeen)).toEqual(normalized(realSeen));
    // The script covers these (a guard against a script that silently did less).
    const names = ourSeen.map((record) => parseEnvelope(record.raw).headers.eventname);
    for (const name of [
      'PROCESS_GROUP_ADDED',
      'PROCESS_GROUP_REMOVED',
      'SUPERVISOR_STATE_CHANGE_RUNNING',
      'PROCESS_STATE_STARTING',
      'PROCESS_STATE_RUNNING',
      'PROCESS_STATE_STOPPING',
      'PROCESS_STATE_STOPPED',
      'PROCESS_STATE_EXITED',
      'PROCESS_LOG_STDOUT',
      'PROCESS_COMMUNICATION_STDOUT',
      'REMOTE_COMMUNICATION',
    ]) {
      expect(names).toContain(name);
    }

    // At shutdown the listener group stops last: it still hears that supervisord is stopping and
    // the first program being stopped. (Which later events 4.2.5 still delivers depends on timing.)
    await daemon.stop();
    const afterShutdown = readRecords(ourRecord).slice(ourSeen.length).map((record) => record.raw);
    expect(afterShutdown.slice(0, 2).map((raw) => raw.replace(/ serial:\d+| len:\d+|pid:\d+/g, ''))).toEqual([
      'ver:3.0 server:supervisor pool:rec poolserial:30 eventname:SUPERVISOR_STATE_CHANGE_STOPPING\n',
      'ver:3.0 server:supervisor pool:rec poolserial:31 eventname:PROCESS_STATE_STOPPING\n' +
        'processname:talker groupname:talker from_state:RUNNING ',
    ]);
  }, 40000);

  test('a pool of two: events go to the first READY listener; TICK_5; update adds and removes groups; SIGHUP keeps the serials', async () => {
    const record = path.join(scratch(), 'pool.jsonl');
    const tickRecord = path.join(scratch(), 'ticks.jsonl');
    const listener =
      `[eventlistener:pool]\ncommand=${PYTHON} ${LISTENERS}/recording-listener.py ${record}\n` +
      `process_name=%(program_name)s_%(process_num)d\nnumprocs=2\nstartsecs=0\nbuffer_size=20\n` +
      `events=REMOTE_COMMUNICATION,PROCESS_GROUP,SUPERVISOR_STATE_CHANGE_RUNNING\n` +
      `stdout_logfile={{dir}}/pool-%(process_num)d.out\n\n` +
      `[eventlistener:ticker]\ncommand=${PYTHON} ${LISTENERS}/recording-listener.py ${tickRecord}\n` +
      `startsecs=0\nevents=TICK_5\n\n` +
      `[supervisorctl]\nserverurl=unix://{{dir}}/supervisor.sock\n`;
    const { daemon, rpc } = await startOurs(listener);
    // The startup events (two PROCESS_GROUP_ADDED, SUPERVISOR_STATE_CHANGE_RUNNING) are handled.
    await waitUntil('the startup events', () => readRecords(record).length === 3);
    // Both listeners are READY: still every event goes to pool_0, which is READY again first.
    await daemon.waitForLog('DEBG pool_1: ACKNOWLEDGED -> READY');
    await daemon.waitForLog('success: pool_0 entered RUNNING state');
    await daemon.waitForLog('success: pool_1 entered RUNNING state');
    const count = (text: string | RegExp): number => daemon.output().split(text).length - 1;
    for (const word of ['one', 'two', 'three', 'four']) {
      // Sent when pool_0 is READY: it entered READY once more often than it was sent an event.
      await waitUntil(
        'pool_0 to be READY',
        () => count('DEBG pool_0: ACKNOWLEDGED -> READY') > count(/DEBG event \d+ sent to listener pool_0\n/),
      );
      const sentBefore = count(/DEBG event \d+ sent to listener pool_\d\n/);
      await rpc.call('supervisor.sendRemoteCommEvent', 'word', word);
      // Dispatch happens after the answer: wait for it, or the next word could find pool_0 still READY.
      await waitUntil('the word to be dispatched', () => count(/DEBG event \d+ sent to listener pool_\d\n/) > sentBefore);
    }
    const withWords = await waitForRecord(record, /\nfour$/);
    const info = (await rpc.call('supervisor.getProcessInfo', 'pool:pool_0')) as { pid: number };
    const remote = withWords.filter((entry) => entry.raw.includes('eventname:REMOTE_COMMUNICATION'));
    expect(remote.map((entry) => entry.raw.slice(entry.raw.lastIndexOf('\n') + 1))).toEqual(['one', 'two', 'three', 'four']);
    expect(new Set(remote.map((entry) => entry.pid))).toEqual(new Set([info.pid]));
    // The listener's stdout (the protocol it spoke) is in its log file verbatim.
    const poolLog = fs.readFileSync(path.join(daemon.dir, 'pool-0.out'), 'utf8');
    expect(poolLog.startsWith('READY\nRESULT 2\nOKREADY\n')).toBe(true);
    expect(daemon.output()).toContain("DEBG 'pool_0' stdout output:\nb'RESULT 2\\nOKREADY\\n'");

    // A TICK_5 arrives at the next multiple of 5 seconds.
    const ticked = await waitForRecord(tickRecord, /eventname:TICK_5 /, 8000);
    const tick = parseEnvelope(ticked.find((entry) => entry.raw.includes('eventname:TICK_5 '))!.raw);
    const when = Number(tick.payload.replace('when:', ''));
    expect(when % 5).toBe(0);
    expect(Math.abs(Date.now() / 1000 - when)).toBeLessThan(10);

    // `update` (the real supervisorctl) adds, then removes a group.
    fs.appendFileSync(daemon.configPath, '\n[program:extra]\ncommand=/bin/sleep 1000\nautostart=false\n');
    const added = await runCtl('real', ['-c', daemon.configPath, 'update']);
    expect(added.stdout).toBe('extra: added process group\n');
    await waitForRecord(record, /eventname:PROCESS_GROUP_ADDED len:16\ngroupname:extra\n/);
    fs.writeFileSync(daemon.configPath, fs.readFileSync(daemon.configPath, 'utf8').replace(/\n\[program:extra\][^]*$/, '\n'));
    const removed = await runCtl('real', ['-c', daemon.configPath, 'update']);
    expect(removed.stdout).toBe('extra: stopped\nextra: removed process group\n');
    const beforeRestart = await waitForRecord(record, /eventname:PROCESS_GROUP_REMOVED len:16\ngroupname:extra\n/);

    // A restart builds new pools (poolserial from 0) but the global serial goes on.
    const lastSerial = Math.max(...beforeRestart.map((entry) => Number(parseEnvelope(entry.raw).headers.serial)));
    process.kill(daemon.pid, 'SIGHUP');
    const afterRestart = await waitForRecord(record, /SUPERVISOR_STATE_CHANGE_RUNNING[^]*SUPERVISOR_STATE_CHANGE_RUNNING/);
    const running = afterRestart
      .map((entry) => parseEnvelope(entry.raw).headers)
      .filter((headers) => headers.eventname === 'SUPERVISOR_STATE_CHANGE_RUNNING')[1];
    expect(Number(running.serial)).toBeGreaterThan(lastSerial);
    // New pool: the PROCESS_GROUP_ADDED of its own group and of ticker were poolserial 0 and 1.
    expect(running.poolserial).toBe('2');
  }, 30000);

  test('a listener restarts a program over XML-RPC with the URL and credentials from its environment', async () => {
    const log = path.join(scratch(), 'restarts.log');
    const { daemon, rpc } = await startOurs(
      `[eventlistener:memmon]\ncommand=${PYTHON} ${LISTENERS}/restarting-listener.py ${log}\n` +
        `events=REMOTE_COMMUNICATION\nstartsecs=0\nenvironment=SUPERVISOR_USERNAME="watcher",SUPERVISOR_PASSWORD="s3cret"\n\n` +
        `[program:worker]\ncommand=/bin/sleep 1000\nstartsecs=0\n`,
      // The listener only gets in with the credentials from its environment.
      { username: 'watcher', password: 's3cret' },
    );
    const workerPid = async (): Promise<number> =>
      ((await rpc.call('supervisor.getProcessInfo', 'worker')) as { pid: number; statename: string }).pid;
    await daemon.waitForLog('success: worker entered RUNNING state');
    await daemon.waitForLog('success: memmon entered RUNNING state');
    const before = await workerPid();
    await rpc.call('supervisor.sendRemoteCommEvent', 'restart', 'worker');
    await waitUntil('the listener to report', () => fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('\n'));
    expect(fs.readFileSync(log, 'utf8')).toBe('restarted worker\n');
    const after = await workerPid();
    expect(after).not.toBe(before);
    expect(after).toBeGreaterThan(0);
    expect(daemon.output()).toContain('stopped: worker (terminated by SIGTERM)');
  }, 20000);

  test('listeners that write garbage, die or hang do not stop the daemon or the other listeners', async () => {
    const record = path.join(scratch(), 'good.jsonl');
    const misbehaving = (name: string, mode: string, extra = ''): string =>
      `[eventlistener:${name}]\ncommand=${PYTHON} ${LISTENERS}/misbehaving-listener.py ${mode}\n` +
      `events=REMOTE_COMMUNICATION\nstartsecs=0\nautorestart=false\nbuffer_size=2\n${extra}\n`;
    const { daemon, rpc } = await startOurs(
      misbehaving('garbage', 'garbage') +
        misbehaving('dies', 'die') +
        misbehaving('hangs', 'hang') +
        `[eventlistener:good]\ncommand=${PYTHON} ${LISTENERS}/recording-listener.py ${record}\n` +
        `events=REMOTE_COMMUNICATION\nstartsecs=0\n`,
    );
    for (const name of ['garbage', 'dies', 'hangs', 'good']) await daemon.waitForLog(`success: ${name} entered RUNNING state`);
    await waitUntil('every listener to be READY', () =>
      ['garbage', 'dies', 'hangs', 'good'].every((name) => daemon.output().includes(`DEBG ${name}: ACKNOWLEDGED -> READY`)),
    );
    for (let i = 1; i <= 5; i += 1) await rpc.call('supervisor.sendRemoteCommEvent', 'n', `event ${i}`);
    const seen = await waitForRecord(record, /\nevent 5$/);
    expect(seen.map((entry) => entry.raw.slice(entry.raw.lastIndexOf('\n') + 1))).toEqual([
      'event 1',
      'event 2',
      'event 3',
      'event 4',
      'event 5',
    ]);
    await daemon.waitForLog("WARN garbage: bad result line: 'HELLO this is not a result'");
    await daemon.waitForLog(
      'WARN garbage: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol',
    );
    await daemon.waitForLog('exited: dies (exit status 7; not expected)');
    await daemon.waitForLog('ERRO pool hangs event buffer overflowed, discarding event');
    // The daemon still answers, and the misbehaving processes keep their process states.
    expect(await rpc.call('supervisor.getState')).toEqual({ statecode: 1, statename: 'RUNNING' });
    const states = Object.fromEntries(
      ((await rpc.call('supervisor.getAllProcessInfo')) as Array<{ name: string; statename: string }>).map((info) => [
        info.name,
        info.statename,
      ]),
    );
    expect(states).toEqual({ dies: 'EXITED', garbage: 'RUNNING', good: 'RUNNING', hangs: 'RUNNING' });
  }, 20000);
});

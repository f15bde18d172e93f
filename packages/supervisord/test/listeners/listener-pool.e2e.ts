/**
 * The pool driving a real listener written with supervisor.childutils (Python), and the same
 * listener under the real supervisord 4.2.5 to compare what each sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRealSupervisord, type RealSupervisord } from '../../../../test/helpers/real-supervisord';
import { EventBus } from '../../src/events/bus';
import type { SupervisorEvent } from '../../src/events/bus';
import {
  processGroupEvent,
  processOutputEvent,
  remoteCommunicationEvent,
  supervisorStateChangeEvent,
} from '../../src/events/event-factories';
import { renderEnvelope, renderPayload } from '../../src/events/payload';
import { processStateEvent } from '../../src/events/process-state-event';
import { EventSerials } from '../../src/events/serials';
import type { ProcessConfig } from '../../src/config/types';
import { listenerProcessFromChild } from '../../src/listeners/child-listener';
import { EventListenerPool, type ListenerAttachment } from '../../src/listeners/pool';
import type { ChildHandle } from '../../src/os/ports';
import { streamOutputPipe } from '../../src/os/stream-output-pipe';

const PYTHON = '/usr/bin/python3';
const LISTENER = path.resolve(__dirname, '../../../../test/fixtures/listeners/recording-listener.py');

interface RecordedEvent {
  raw: string;
  answer: 'OK' | 'FAIL' | 'DIE';
  pid: number;
}

function readRecords(file: string): RecordedEvent[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordedEvent);
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

class CollectingLogger {
  readonly lines: string[] = [];
  error(msg: string): void {
    this.lines.push(`ERRO ${msg}`);
  }
  warn(msg: string): void {
    this.lines.push(`WARN ${msg}`);
  }
  debug(msg: string): void {
    this.lines.push(`DEBG ${msg}`);
  }
}

describe('pool with a real childutils listener process', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'listener-pool-'));
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGKILL');
        await exited;
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Spawns the listener and plugs it into the pool the way the process model does. */
  function spawnListener(pool: EventListenerPool, name: string, recordFile: string): { child: ChildProcess; attachment: ListenerAttachment; exited: Promise<void> } {
    const child = spawn(PYTHON, [LISTENER, recordFile], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
    });
    children.push(child);
    child.stderr!.pipe(process.stderr, { end: false }); // a Python traceback shows in the test output
    const handle: ChildHandle = {
      pid: child.pid!,
      stdin: child.stdin,
      stdout: streamOutputPipe(child.stdout!),
      stderr: streamOutputPipe(child.stderr!),
      onExit: (listener) => child.once('close', (code, signal) => listener({ code, signal })),
    };
    const attachment = pool.attach(
      listenerProcessFromChild(name, handle, () => child.exitCode === null && child.signalCode === null),
    );
    child.stdout!.on('data', (chunk: Buffer) => attachment.onStdout(chunk));
    const exited = new Promise<void>((resolve) =>
      handle.onExit(() => {
        attachment.onExit();
        resolve();
      }),
    );
    attachment.onRunning();
    return { child, attachment, exited };
  }

  function makePool(events: string[], processes: string[], logger: CollectingLogger, serials = new EventSerials()): EventListenerPool {
    return new EventListenerPool({
      config: {
        name: 'rec',
        buffer_size: 10,
        events,
        result_handler: 'supervisor.dispatchers:default_handler',
        processes: processes.map((name) => ({ name, priority: -1 }) as ProcessConfig),
      },
      identifier: 'supervisor',
      serials,
      logger,
    });
  }

  it('delivers byte-exact envelopes, counts len in characters, re-sends a FAILed event', async () => {
    const logger = new CollectingLogger();
    const bus = new EventBus();
    const pool = makePool(['PROCESS_STATE', 'PROCESS_LOG', 'REMOTE_COMMUNICATION'], ['rec'], logger);
    pool.subscribe(bus);
    const recordFile = path.join(dir, 'events.jsonl');
    spawnListener(pool, 'rec', recordFile);

    bus.publish(processStateEvent({ processName: 'cat', groupName: 'cat', from: 'STOPPED', to: 'STARTING', tries: 0, pid: 0, expected: true }));
    bus.publish(processStateEvent({ processName: 'cat', groupName: 'cat', from: 'STARTING', to: 'RUNNING', tries: 0, pid: 1364, expected: true }));
    bus.publish(processOutputEvent({ type: 'PROCESS_LOG_STDOUT', processName: 'talker2', groupName: 'talker2', data: Buffer.from('café\n') }, 14428));
    bus.publish(remoteCommunicationEvent('mytype', 'please fail-once'));
    bus.publish(processStateEvent({ processName: 'ss0', groupName: 'ss0', from: 'RUNNING', to: 'EXITED', tries: 0, pid: 10597, expected: false }));

    const records = await waitFor('six records and an idle pool', () => {
      const all = readRecords(recordFile);
      return all.length === 6 && pool.listenerState('rec') === 'READY' && pool.bufferedEvents().length === 0 && all;
    });
    expect(records.map((record) => [record.raw, record.answer])).toEqual([
      ['ver:3.0 server:supervisor serial:0 pool:rec poolserial:0 eventname:PROCESS_STATE_STARTING len:56\nprocessname:cat groupname:cat from_state:STOPPED tries:0', 'OK'],
      ['ver:3.0 server:supervisor serial:1 pool:rec poolserial:1 eventname:PROCESS_STATE_RUNNING len:58\nprocessname:cat groupname:cat from_state:STARTING pid:1364', 'OK'],
      ['ver:3.0 server:supervisor serial:2 pool:rec poolserial:2 eventname:PROCESS_LOG_STDOUT len:68\nprocessname:talker2 groupname:talker2 pid:14428 channel:stdout\ncafé\n', 'OK'],
      ['ver:3.0 server:supervisor serial:3 pool:rec poolserial:3 eventname:REMOTE_COMMUNICATION len:28\ntype:mytype\nplease fail-once', 'FAIL'],
      ['ver:3.0 server:supervisor serial:3 pool:rec poolserial:3 eventname:REMOTE_COMMUNICATION len:28\ntype:mytype\nplease fail-once', 'OK'],
      ['ver:3.0 server:supervisor serial:4 pool:rec poolserial:4 eventname:PROCESS_STATE_EXITED len:69\nprocessname:ss0 groupname:ss0 from_state:RUNNING expected:0 pid:10597', 'OK'],
    ]);
    expect(logger.lines).toContain('WARN rec: event was rejected');
    expect(logger.lines.filter((line) => line.startsWith('WARN'))).toEqual(['WARN rec: event was rejected']);
  });

  it('re-sends the event of a listener that died while BUSY to its respawned process', async () => {
    const logger = new CollectingLogger();
    const bus = new EventBus();
    const pool = makePool(['REMOTE_COMMUNICATION'], ['rec'], logger);
    pool.subscribe(bus);
    const recordFile = path.join(dir, 'events.jsonl');
    const first = spawnListener(pool, 'rec', recordFile);

    bus.publish(remoteCommunicationEvent('t', 'die-once'));
    bus.publish(remoteCommunicationEvent('t', 'after'));
    await first.exited;
    expect(first.child.exitCode).toBe(3);
    expect(pool.bufferedEvents().map((event) => event.serial)).toEqual([0, 1]);

    const second = spawnListener(pool, 'rec', recordFile);
    const records = await waitFor('three records', () => {
      const all = readRecords(recordFile);
      return all.length === 3 && pool.bufferedEvents().length === 0 && pool.listenerState('rec') === 'READY' && all;
    });
    expect(records.map((record) => [record.raw, record.answer, record.pid])).toEqual([
      ['ver:3.0 server:supervisor serial:0 pool:rec poolserial:0 eventname:REMOTE_COMMUNICATION len:15\ntype:t\ndie-once', 'DIE', first.child.pid],
      ['ver:3.0 server:supervisor serial:0 pool:rec poolserial:0 eventname:REMOTE_COMMUNICATION len:15\ntype:t\ndie-once', 'OK', second.child.pid],
      ['ver:3.0 server:supervisor serial:1 pool:rec poolserial:1 eventname:REMOTE_COMMUNICATION len:12\ntype:t\nafter', 'OK', second.child.pid],
    ]);
  });
});

describe('what the real supervisord 4.2.5 sends to the same listener', () => {
  let real: RealSupervisord | null = null;

  afterEach(async () => {
    await real?.stop();
    real = null;
  });

  it('sends the bytes we render for the same events, once serials and pids are filled in', async () => {
    const recordDir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-listener-'));
    const recordFile = path.join(recordDir, 'events.jsonl');
    try {
      real = await startRealSupervisord({
        programs:
          `[eventlistener:rec]\ncommand=${PYTHON} ${LISTENER} ${recordFile}\n` +
          `events=PROCESS_STATE_RUNNING,SUPERVISOR_STATE_CHANGE,PROCESS_GROUP\n` +
          `startsecs=0\nenvironment=PYTHONIOENCODING="utf-8"\n\n` +
          `[program:sleeper]\ncommand=/bin/sleep 600\nstartsecs=0\nstopwaitsecs=2\n`,
      });
      const records = await waitFor('the RUNNING event of sleeper', () => {
        const all = readRecords(recordFile);
        return all.some((entry) => entry.raw.includes('processname:sleeper ')) && all;
      });
      const seen: string[] = [];
      for (const record of records) {
        expect(record.answer).toBe('OK');
        const [headerLine, ...rest] = record.raw.split('\n');
        const header = Object.fromEntries(headerLine.split(' ').map((token) => token.split(':')));
        const payloadText = rest.join('\n');
        let event: SupervisorEvent;
        if (header.eventname === 'PROCESS_STATE_RUNNING') {
          const match = /^processname:(\S+) groupname:\S+ from_state:STARTING pid:(\d+)$/.exec(payloadText);
          expect(match).not.toBeNull();
          const [, name, pid] = match!;
          event = processStateEvent({ processName: name, groupName: name, from: 'STARTING', to: 'RUNNING', tries: 0, pid: Number(pid), expected: true });
          seen.push(`RUNNING ${name}`);
        } else if (header.eventname === 'PROCESS_GROUP_ADDED') {
          const name = /^groupname:(\S+)\n$/.exec(payloadText)?.[1] ?? '?';
          event = processGroupEvent('ADDED', name);
          seen.push(`ADDED ${name}`);
        } else {
          expect(header.eventname).toBe('SUPERVISOR_STATE_CHANGE_RUNNING');
          event = supervisorStateChangeEvent('RUNNING');
          seen.push('SUPERVISOR RUNNING');
        }
        const ours = renderEnvelope({
          server: 'supervisor',
          serial: Number(header.serial),
          pool: 'rec',
          poolserial: Number(header.poolserial),
          eventname: event.type,
          payload: renderPayload(event),
        });
        expect(ours.toString('utf8')).toBe(record.raw);
      }
      expect(seen).toEqual(expect.arrayContaining(['ADDED rec', 'ADDED sleeper', 'SUPERVISOR RUNNING', 'RUNNING rec', 'RUNNING sleeper']));
    } finally {
      fs.rmSync(recordDir, { recursive: true, force: true });
    }
  });
});

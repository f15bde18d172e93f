/** The supervisor's wiring of `[eventlistener:x]` pools: subscription, attachment, removal, serials. */
import type { EventListenerGroupConfig, GroupConfig } from '../../src/config/types';
import { EventBus } from '../../src/events/bus';
import { EventSerials } from '../../src/events/serials';
import { Logger } from '../../src/logging/logger';
import { Supervisor } from '../../src/supervision/supervisor';
import { FakeChild, FakeClock, FakeOs } from '../fakes/fake-os';
import { processConfig } from '../fakes/process-config';
import { resolved } from '../fakes/resolved-config';

function listenerGroup(name: string, events: string[]): EventListenerGroupConfig {
  const process = processConfig({ name, priority: -1, config_class: 'EventListenerConfig', startsecs: 1 });
  return {
    type: 'eventlistener',
    name,
    priority: -1,
    process_names: [name],
    processes: [process],
    buffer_size: 10,
    events,
    result_handler: 'supervisor.dispatchers:default_handler',
  };
}

function programGroup(name: string): GroupConfig {
  const process = processConfig({ name, autostart: false });
  return { type: 'program', name, priority: 999, process_names: [name], processes: [process] };
}


function setup(groups: GroupConfig[], serials = new EventSerials()) {
  const os = new FakeOs();
  const clock = new FakeClock();
  const supervisor = new Supervisor(resolved(groups), {
    os,
    clock,
    logger: new Logger({ level: 'BLAT' }),
    bus: new EventBus(),
    createOutput: () => null,
    rereadConfig: () => resolved(groups),
    inheritedEnv: { PATH: '/usr/bin:/bin' },
    currentUid: 0,
    serials,
  });
  return { os, clock, supervisor };
}

/** Lets the pool's dispatch (scheduled with setImmediate) run. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function written(child: FakeChild): string {
  const chunks: Buffer[] = [];
  for (let chunk = child.stdin.read() as Buffer | null; chunk !== null; chunk = child.stdin.read() as Buffer | null) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

describe('Supervisor with event listener pools', () => {
  test('a pool hears its own PROCESS_GROUP_ADDED and sends nothing before its listener is RUNNING and READY', async () => {
    const { os, clock, supervisor } = setup([listenerGroup('ev', ['PROCESS_GROUP']), programGroup('prog')]);
    await supervisor.createGroups();
    supervisor.startAutostartProcesses();
    const listener = os.last;
    expect(listener.request.env.SUPERVISOR_PROCESS_NAME).toBe('ev');
    listener.stdout.write('READY\n');
    await nextTurn();
    expect(written(listener)).toBe('');
    clock.advance(1);
    await nextTurn();
    expect(written(listener)).toBe(
      'ver:3.0 server:supervisor serial:0 pool:ev poolserial:0 eventname:PROCESS_GROUP_ADDED len:13\ngroupname:ev\n',
    );
    listener.stdout.write('RESULT 2\nOKREADY\n');
    await nextTurn();
    expect(written(listener)).toBe(
      'ver:3.0 server:supervisor serial:1 pool:ev poolserial:1 eventname:PROCESS_GROUP_ADDED len:15\ngroupname:prog\n',
    );
    listener.stdout.write('RESULT 2\nOKREADY\n');
    expect(supervisor.removeProcessGroup('prog')).toBe('OK');
    await nextTurn();
    expect(written(listener)).toBe(
      'ver:3.0 server:supervisor serial:2 pool:ev poolserial:2 eventname:PROCESS_GROUP_REMOVED len:15\ngroupname:prog\n',
    );
  });

  test('an event in flight when the listener dies is sent again, same numbers, to its next spawn', async () => {
    const group = listenerGroup('ev', ['REMOTE_COMMUNICATION']);
    group.processes[0] = { ...group.processes[0], autorestart: 'true', startsecs: 0 };
    const { os, clock, supervisor } = setup([group]);
    await supervisor.createGroups();
    supervisor.startAutostartProcesses();
    clock.advance(0);
    const first = os.last;
    first.stdout.write('READY\n');
    supervisor.sendRemoteCommEvent('t', 'hello');
    await nextTurn();
    const envelope = 'ver:3.0 server:supervisor serial:0 pool:ev poolserial:0 eventname:REMOTE_COMMUNICATION len:12\ntype:t\nhello';
    expect(written(first)).toBe(envelope);
    first.exit(1);
    // Restarts are at least a second apart.
    clock.advance(1);
    const second = os.last;
    expect(second).not.toBe(first);
    clock.advance(0);
    second.stdout.write('READY\n');
    await nextTurn();
    expect(written(second)).toBe(envelope);
  });

  test('a removed pool stops receiving; serials continue in a supervisor built with the same EventSerials', async () => {
    const serials = new EventSerials();
    const group = listenerGroup('ev', ['REMOTE_COMMUNICATION']);
    group.processes[0] = { ...group.processes[0], startsecs: 0 };
    const { os, clock, supervisor } = setup([group], serials);
    await supervisor.createGroups();
    supervisor.startAutostartProcesses();
    clock.advance(0);
    const listener = os.last;
    listener.stdout.write('READY\n');
    supervisor.sendRemoteCommEvent('t', 'one');
    await nextTurn();
    expect(written(listener)).toContain('serial:0 pool:ev poolserial:0');

    supervisor.getGroup('ev')!.processes[0].stop();
    listener.exit(null, 'SIGTERM');
    expect(supervisor.removeProcessGroup('ev')).toBe('OK');
    supervisor.sendRemoteCommEvent('t', 'two');
    await nextTurn();
    expect(written(listener)).toBe('');

    const rebuilt = setup([group], serials);
    await rebuilt.supervisor.createGroups();
    rebuilt.supervisor.startAutostartProcesses();
    rebuilt.clock.advance(0);
    rebuilt.os.last.stdout.write('READY\n');
    rebuilt.supervisor.sendRemoteCommEvent('t', 'three');
    await nextTurn();
    expect(written(rebuilt.os.last)).toContain('serial:1 pool:ev poolserial:0');
  });

  test('a pool re-added (update of a changed pool) starts a new poolserial and continues the serial', async () => {
    const group = listenerGroup('ev', ['REMOTE_COMMUNICATION']);
    group.processes[0] = { ...group.processes[0], startsecs: 0 };
    const { os, clock, supervisor } = setup([group]);
    await supervisor.createGroups();
    supervisor.startAutostartProcesses();
    clock.advance(0);
    const first = os.last;
    first.stdout.write('READY\n');
    supervisor.sendRemoteCommEvent('t', 'a');
    supervisor.sendRemoteCommEvent('t', 'b');
    await nextTurn();
    expect(written(first)).toContain('serial:0 pool:ev poolserial:0');
    first.stdout.write('RESULT 2\nOKREADY\n');
    await nextTurn();
    expect(written(first)).toContain('serial:1 pool:ev poolserial:1');

    supervisor.getGroup('ev')!.processes[0].stop();
    first.exit(null, 'SIGTERM');
    expect(supervisor.removeProcessGroup('ev')).toBe('OK');
    expect(supervisor.addProcessGroup('ev')).toBe('OK');
    clock.advance(0);
    const second = os.last;
    expect(second).not.toBe(first);
    second.stdout.write('READY\n');
    supervisor.sendRemoteCommEvent('t', 'c');
    await nextTurn();
    expect(written(second)).toBe(
      'ver:3.0 server:supervisor serial:2 pool:ev poolserial:0 eventname:REMOTE_COMMUNICATION len:8\ntype:t\nc',
    );
  });
});

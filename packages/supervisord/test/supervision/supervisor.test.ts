import type { GroupConfig, ProcessConfig } from '../../src/config/types';
import { EventBus } from '../../src/events/bus';
import { Logger } from '../../src/logging/logger';
import { Supervisor } from '../../src/supervision/supervisor';
import { FakeClock, FakeOs } from '../fakes/fake-os';
import { processConfig } from '../fakes/process-config';
import { resolved } from '../fakes/resolved-config';

function group(name: string, priority: number, processes: Array<Partial<ProcessConfig>> = [{}]): GroupConfig {
  const configs = processes.map((overrides, index) =>
    processConfig({ name: processes.length === 1 ? name : `${name}_${index}`, priority, ...overrides }),
  );
  return { type: 'program', name, priority, process_names: configs.map((c) => c.name), processes: configs };
}


function setup(groups: GroupConfig[]) {
  const os = new FakeOs();
  const clock = new FakeClock();
  const bus = new EventBus();
  const events: string[] = [];
  bus.subscribe('EVENT', (e) => events.push(`${e.type}${e.fields.length ? ` ${e.fields.map(([k, v]) => `${k}:${v}`).join(' ')}` : ''}`));
  let next = resolved(groups);
  const supervisor = new Supervisor(resolved(groups), {
    os,
    clock,
    logger: new Logger({ level: 'BLAT' }),
    bus,
    createOutput: () => null,
    rereadConfig: () => next,
    inheritedEnv: { PATH: '/usr/bin:/bin' },
    currentUid: 0,
  });
  const spawnedNames = () => os.children.map((child) => child.request.env.SUPERVISOR_PROCESS_NAME);
  const setNext = (groupsAfter: GroupConfig[]) => (next = resolved(groupsAfter));
  return { os, clock, events, supervisor, spawnedNames, setNext };
}

describe('Supervisor', () => {
  test('groups are started in priority order; autostart=false is left STOPPED', async () => {
    const { supervisor, spawnedNames, events } = setup([
      group('a', 10),
      group('b', 5),
      group('c', 20, [{ autostart: false }]),
    ]);
    await supervisor.createGroups();
    expect(supervisor.groups().map((g) => g.name)).toEqual(['b', 'a', 'c']);
    supervisor.startAutostartProcesses();
    expect(spawnedNames()).toEqual(['b', 'a']);
    expect(supervisor.getGroup('c')!.processes[0].state).toBe('STOPPED');
    expect(events.slice(0, 5)).toEqual([
      'PROCESS_GROUP_ADDED groupname:a',
      'PROCESS_GROUP_ADDED groupname:b',
      'PROCESS_GROUP_ADDED groupname:c',
      'SUPERVISOR_STATE_CHANGE_RUNNING',
      'PROCESS_STATE_STARTING processname:b groupname:b from_state:STOPPED tries:0',
    ]);
  });

  test('a big autostart pass spawns in batches, in priority order, with event-loop turns in between', async () => {
    const groups = Array.from({ length: 40 }, (_, index) => group(`g${String(index).padStart(2, '0')}`, 1000 - index));
    const { supervisor, spawnedNames } = setup(groups);
    await supervisor.createGroups();
    supervisor.startAutostartProcesses();
    // The first batch goes out at once; the rest follow on later turns of the event loop.
    expect(spawnedNames()).toEqual(groups.slice(-16).map((g) => g.name).reverse());
    // Started by a request between two batches: not spawned a second time by the pass.
    expect(supervisor.getGroup('g00')!.processes[0].start()).toBeNull();
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    const expected = groups.map((g) => g.name).reverse();
    expect(spawnedNames()).toEqual([...expected.slice(0, 16), 'g00', ...expected.slice(16, -1)]);
  });

  test('shutdown stops one group at a time in reverse priority order, BACKOFF becomes FATAL, then ends', async () => {
    const { os, clock, supervisor, events } = setup([
      group('low', 1),
      group('high', 900, [{ priority: 900 }, { priority: 950 }]),
      group('failing', 500, [{ command: '/nonexistent', command_argv: ['/nonexistent'] }]),
    ]);
    await supervisor.createGroups();
    supervisor.startAutostartProcesses();
    clock.advance(2);
    let ended: string | null = null;
    void supervisor.ended.then((end) => (ended = end));
    supervisor.shutdown();
    expect(supervisor.state).toBe('SHUTDOWN');
    // Only the highest-priority group is signalled first, its processes by priority descending.
    expect(os.kills.map((k) => k.pid)).toEqual([os.children[2].pid, os.children[1].pid]);
    os.children[2].exit(null, 'SIGTERM');
    os.children[1].exit(null, 'SIGTERM');
    await Promise.resolve();
    await Promise.resolve();
    expect(supervisor.getGroup('failing')!.processes[0].state).toBe('FATAL');
    expect(os.kills.map((k) => k.pid)).toEqual([os.children[2].pid, os.children[1].pid, os.children[0].pid]);
    os.children[0].exit(0);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(ended).toBe('shutdown');
    expect(events).toContain('SUPERVISOR_STATE_CHANGE_STOPPING');
    clock.advance(10);
    expect(os.children).toHaveLength(3);
  });

  test('restart ends with "restart"', async () => {
    const { supervisor } = setup([group('a', 1)]);
    await supervisor.createGroups();
    supervisor.restart();
    expect(supervisor.state).toBe('RESTARTING');
    await expect(supervisor.ended).resolves.toBe('restart');
  });

  test('reloadConfig reports added, changed and removed groups; add/remove follow it', async () => {
    const { supervisor, setNext, events, os } = setup([group('keep', 1), group('change', 2), group('drop', 3)]);
    await supervisor.createGroups();
    setNext([group('keep', 1), group('change', 2, [{ command: '/bin/sh -c other', command_argv: ['/bin/sh', '-c', 'other'] }]), group('new', 4)]);
    expect(supervisor.reloadConfig()).toEqual({ added: ['new'], changed: ['change'], removed: ['drop'] });
    expect(supervisor.availableGroupConfigs().map((g) => g.name)).toEqual(['keep', 'change', 'new']);
    expect(supervisor.removeProcessGroup('drop')).toBe('OK');
    expect(supervisor.removeProcessGroup('drop')).toBe('BAD_NAME');
    expect(supervisor.addProcessGroup('new')).toBe('OK');
    expect(supervisor.addProcessGroup('new')).toBe('ALREADY_ADDED');
    expect(supervisor.addProcessGroup('nope')).toBe('BAD_NAME');
    expect(os.children.map((c) => c.request.env.SUPERVISOR_PROCESS_NAME)).toEqual(['new']);
    expect(supervisor.removeProcessGroup('new')).toBe('STILL_RUNNING');
    expect(events).toContain('PROCESS_GROUP_REMOVED groupname:drop');
    expect(events.filter((e) => e === 'PROCESS_GROUP_ADDED groupname:new')).toHaveLength(1);
    expect(supervisor.groups().map((g) => g.name)).toEqual(['keep', 'change', 'new']);
  });

  test('sendRemoteCommEvent publishes REMOTE_COMMUNICATION', () => {
    const { supervisor, events } = setup([]);
    supervisor.sendRemoteCommEvent('hello', 'data');
    expect(events).toEqual(['REMOTE_COMMUNICATION type:hello']);
  });
});

describe('Supervisor lifecycle requests', () => {
  test('a shutdown during a restart wins: the end is a shutdown', async () => {
    const os = new FakeOs();
    const supervisor = new Supervisor(resolved([group('a', 1)]), {
      os,
      clock: new FakeClock(),
      logger: new Logger({ level: 'BLAT' }),
      bus: new EventBus(),
      createOutput: () => null,
      rereadConfig: () => resolved([]),
      inheritedEnv: { PATH: '/usr/bin:/bin' },
      currentUid: 0,
    });
    await supervisor.createGroups();
    supervisor.startAutostartProcesses();
    supervisor.restart();
    supervisor.shutdown();
    supervisor.restart();
    expect(supervisor.state).toBe('SHUTDOWN');
    os.last.exit(null, 'SIGTERM');
    await expect(supervisor.ended).resolves.toBe('shutdown');
  });
});

/** The runtime overlay: file groups plus what twiddler changed, in the order a running group has. */
import type { GroupConfig, ProcessConfig } from '../../src/config/types';
import { RuntimeOverlay } from '../../src/supervision/runtime-overlay';

function processConfig(name: string): ProcessConfig {
  return { name, command: `/bin/sleep ${name.length}` } as unknown as ProcessConfig;
}

function group(name: string, processes: string[], priority = 999): GroupConfig {
  const configs = processes.map(processConfig);
  return { type: 'program', name, priority, processes: configs, process_names: processes };
}

const names = (groups: readonly GroupConfig[]): Record<string, string[]> =>
  Object.fromEntries(groups.map((g) => [g.name, g.process_names]));

test('without runtime changes the file groups come back as they are', () => {
  const file = [group('a', ['a1']), group('b', [])];
  const applied = new RuntimeOverlay().apply(file);
  expect(applied).toEqual(file);
  expect(applied[0]).toBe(file[0]);
});

test('added processes follow the file ones; removed ones disappear; add then remove leaves nothing', () => {
  const overlay = new RuntimeOverlay();
  overlay.addProcesses('a', [processConfig('x'), processConfig('y')]);
  overlay.removeProcess('a', 'a1');
  overlay.removeProcess('a', 'x');
  const applied = overlay.apply([group('a', ['a1', 'a2']), group('b', ['b1'])]);
  expect(names(applied)).toEqual({ a: ['a2', 'y'], b: ['b1'] });
  expect(applied[0].processes.map((p) => p.name)).toEqual(['a2', 'y']);
});

test('a group made at run time is kept after the file groups, with its programs, until forgotten', () => {
  const overlay = new RuntimeOverlay();
  overlay.addGroup(group('rt', [], 5));
  overlay.addProcesses('rt', [processConfig('keep')]);
  expect(names(overlay.apply([group('a', [])]))).toEqual({ a: [], rt: ['keep'] });
  expect(overlay.apply([])[0]).toMatchObject({ name: 'rt', priority: 5 });
  overlay.forgetGroup('rt');
  expect(names(overlay.apply([group('a', [])]))).toEqual({ a: [] });
});

test('a file section that takes a runtime group name wins, keeping the runtime programs', () => {
  const overlay = new RuntimeOverlay();
  overlay.addGroup(group('rt', [], 5));
  overlay.addProcesses('rt', [processConfig('keep')]);
  const applied = overlay.apply([group('rt', ['fromfile'], 10)]);
  expect(applied).toHaveLength(1);
  expect(applied[0]).toMatchObject({ name: 'rt', priority: 10, process_names: ['fromfile', 'keep'] });
});

test('a file process of the same name hides a runtime one', () => {
  const overlay = new RuntimeOverlay();
  overlay.addProcesses('a', [processConfig('p')]);
  expect(names(overlay.apply([group('a', ['p'])]))).toEqual({ a: ['p'] });
});

test('prune drops the edits of file groups gone from the file and from the running set only', () => {
  const overlay = new RuntimeOverlay();
  overlay.addProcesses('gone', [processConfig('x')]);
  overlay.addProcesses('stillrunning', [processConfig('y')]);
  overlay.addGroup(group('rt', []));
  overlay.prune([], ['stillrunning']);
  expect(names(overlay.apply([group('gone', []), group('stillrunning', [])]))).toEqual({
    gone: [],
    stillrunning: ['y'],
    rt: [],
  });
});

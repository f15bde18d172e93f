import type { GroupConfig } from '../../src/config/types';
import { diffGroups } from '../../src/supervision/config-diff';
import { processConfig } from '../fakes/process-config';

const group = (name: string, priority = 999, command = '/bin/cat'): GroupConfig => ({
  type: 'program',
  name,
  priority,
  process_names: [name],
  processes: [processConfig({ name, priority, command, command_argv: [command] })],
});

describe('diffGroups', () => {
  test('added, changed (command or priority) and removed, unchanged ones left out', () => {
    const running = [group('same'), group('cmd'), group('prio'), group('gone')];
    const fresh = [group('same'), group('cmd', 999, '/bin/echo'), group('prio', 5), group('new')];
    expect(diffGroups(running, fresh)).toEqual({ added: ['new'], changed: ['cmd', 'prio'], removed: ['gone'] });
  });

  test('an environment change counts as a change', () => {
    const before = group('env');
    const after = group('env');
    after.processes[0] = { ...after.processes[0], environment: { A: '1' } };
    expect(diffGroups([before], [after]).changed).toEqual(['env']);
  });

  test('identical configs give an empty result', () => {
    expect(diffGroups([group('a')], [group('a')])).toEqual({ added: [], changed: [], removed: [] });
  });
});

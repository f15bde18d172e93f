import { columnize, padRight } from '../src/text-layout';
import { formatStatusLines } from '../src/commands/status';
import { formatConfigInfo } from '../src/commands/avail';
import { formatChanges } from '../src/commands/reread';
import type { ProcessInfo } from '../src/supervisor-api';
import { info } from './fake-server';

describe('columnize', () => {
  test('lays out the help topics like Python cmd (column-major, padded, 79 columns)', () => {
    const topics = 'add avail clear exit fg maintail open pid quit reload remove reread restart shutdown signal start status stop tail update version'.split(' ');
    expect(columnize(topics, 79)).toEqual([
      'add    exit      open  reload  restart   start   tail   ',
      'avail  fg        pid   remove  shutdown  status  update ',
      'clear  maintail  quit  reread  signal    stop    version',
    ]);
  });

  test('one word is printed as is; words too wide for any layout go one per line', () => {
    expect(columnize(['only'])).toEqual(['only']);
    expect(columnize(['a'.repeat(50), 'b'.repeat(50)], 79)).toEqual(['a'.repeat(50), 'b'.repeat(50)]);
  });

  test('padRight counts code points', () => {
    expect(padRight('é', 3)).toBe('é  ');
    expect(padRight('long', 2)).toBe('long');
  });
});

describe('status lines', () => {
  test('namespec column is max(30, longest)+3 wide, state 10, description unpadded', () => {
    const lines = formatStatusLines([
      info('web', 'web', 'RUNNING', { description: 'pid 42, uptime 0:00:02' }),
      info('apps', 'api', 'STARTING'),
    ] as unknown as ProcessInfo[]);
    expect(lines).toEqual([
      `web${' '.repeat(30)}RUNNING   pid 42, uptime 0:00:02`,
      `apps:api${' '.repeat(25)}STARTING  `,
    ]);
  });

  test('a name longer than 30 widens every row', () => {
    const long = 'a_very_long_program_name_exceeding_thirty';
    const lines = formatStatusLines([info(long, long, 'RUNNING'), info('b', 'b', 'STOPPED', { description: 'Not started' })] as unknown as ProcessInfo[]);
    expect(lines[1]).toBe(`b${' '.repeat(long.length + 2)}STOPPED   Not started`);
  });
});

describe('avail and reread lines', () => {
  test('avail: %-32s %-9s %-9s prio', () => {
    expect(formatConfigInfo({ name: 'api', group: 'apps', inuse: true, autostart: false, group_prio: 100, process_prio: 999 })).toBe(
      'apps:api                         in use    manual    100:999',
    );
  });

  test('reread: sorted by name with the kind of change, or a fixed line', () => {
    expect(formatChanges([['newprog', 'bytesprog'], ['sleeper'], ['exitok']])).toEqual([
      'bytesprog: available',
      'exitok: disappeared',
      'newprog: available',
      'sleeper: changed',
    ]);
    expect(formatChanges([[], [], []])).toEqual(['No config updates to processes']);
  });
});

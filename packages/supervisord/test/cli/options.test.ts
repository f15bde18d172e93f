/** supervisord's command line, as 4.2.5's getopt-based parser accepts it (config.md §10). */
import * as os from 'node:os';
import { parseCommandLine } from '../../src/cli/options';
import { defaultConfigHost } from '../../src/config/config-host';

const host = defaultConfigHost({ env: { HOME: '/root' } });
const parse = (args: string[]) => parseCommandLine(args, host);

function options(args: string[]) {
  const r = parse(args);
  if (r.action !== 'run') throw new Error(`expected run, got ${JSON.stringify(r)}`);
  return r.options;
}

test('short flags combine; values attached or separate', () => {
  const o = options(['-nk', '-cfile.conf', '-e', 'debug', '-y10MB', '-z', '3', '-m', '027']);
  expect(o.configfile).toBe('file.conf');
  expect(o.overrides).toEqual({ nodaemon: true, nocleanup: true, loglevel: 'DEBG', logfile_maxbytes: 10 * 1024 * 1024, logfile_backups: 3, umask: 0o27 });
});

test('long options with = or a separate value, and unique prefixes', () => {
  const o = options(['--config=x.conf', '--nodaemon', '--identifier', 'web', '--minprocs=300', '--strip_ansi', '--silent']);
  expect(o.configfile).toBe('x.conf');
  expect(o.overrides).toEqual({ nodaemon: true, identifier: 'web', minprocs: 300, strip_ansi: true, silent: true });
});

test('every documented option is known', () => {
  const tmp = os.tmpdir();
  const o = options([
    '-u', 'root', '-d', tmp, '-l', `${tmp}/x.log`, '-j', `${tmp}/x.pid`, '-q', tmp, '-a', '2048', '-i', 'id',
    '--profile_options=cumulative', '--print-config', '--check-config',
  ]);
  expect(o.overrides).toEqual({
    user: 'root', directory: tmp, logfile: `${tmp}/x.log`, pidfile: `${tmp}/x.pid`, childlogdir: tmp, minfds: 2048, identifier: 'id',
  });
  expect(o.profileOptions).toBe('cumulative');
  expect(o.printConfig).toBe(true);
  expect(o.checkConfig).toBe(true);
});

test('help and version', () => {
  expect(parse(['-h'])).toEqual({ action: 'help' });
  expect(parse(['-?'])).toEqual({ action: 'help' });
  expect(parse(['--help'])).toEqual({ action: 'help' });
  expect(parse(['-v'])).toEqual({ action: 'version' });
  expect(parse(['--vers'])).toEqual({ action: 'version' });
});

test.each([
  [['foo'], "positional arguments are not supported: ['foo']"],
  [['-n', 'foo', '-k'], "positional arguments are not supported: ['foo', '-k']"],
  [['-x'], 'option -x not recognized'],
  [['--nodaemon=1'], 'option --nodaemon must not have an argument'],
  [['-n', '-n'], "conflicting command line option '-n'"],
  [['-c'], 'option -c requires argument'],
  [['--logfile'], 'option --logfile requires argument'],
  [['--log=x'], 'option --log not a unique prefix'],
  [['-y', 'abc'], "invalid value for -y 'abc': invalid literal for int() with base 10: 'abc'"],
  [['-e', 'loud'], "invalid value for -e 'loud': bad logging level name 'loud'"],
  [['-m', '9'], "invalid value for -m '9': 9 can not be converted to an octal type"],
  [['-q', '/nonexist'], "invalid value for -q '/nonexist': /nonexist is not an existing directory"],
  [['--minprocs', 'abc'], "invalid value for --minprocs 'abc': invalid literal for int() with base 10: 'abc'"],
  [['-l', '/nonexist/x.log'], "invalid value for -l '/nonexist/x.log': The directory named as part of the path /nonexist/x.log does not exist"],
])('%j is refused', (args, message) => {
  expect(parse(args)).toEqual({ action: 'error', message });
});

test('-- ends the options', () => {
  expect(parse(['-n', '--', '-k'])).toEqual({ action: 'error', message: "positional arguments are not supported: ['-k']" });
});

/** The loader on real files in a temp directory, with a controlled environment and user table. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../src/config/config-error';
import { BUILTIN_RESOLVABLE_SPECS, defaultConfigHost, type ConfigHost } from '../../src/config/config-host';
import { checkConfig, loadConfig, processesFromProgramOptions } from '../../src/config/load';
import type { ProgramGroupConfig, UnixHttpServerConfig } from '../../src/config/types';

let dir: string;
let host: ConfigHost;

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sv-load-')));
  host = defaultConfigHost({
    env: { HOME: '/home/tester', APP_PORT: '8000' },
    cwd: () => dir,
    hostname: () => 'box',
    getpwnam: (n) => (n === 'app' ? { name: 'app', uid: 1500, gid: 1600, home: '/home/app' } : undefined),
    getpwuid: (u) => (u === 1500 ? { name: 'app', uid: 1500, gid: 1600, home: '/home/app' } : undefined),
  });
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

test('an error names file, line, section, key, the bad value and what was expected', () => {
  const file = write('s.conf', '[supervisord]\n\n[program:api]\ncommand=/bin/api\nstartsecs=10s\n');
  const err = errorOf(() => loadConfig(file, { host }));
  expect(err.file).toBe(file);
  expect(err.line).toBe(5);
  expect(err.section).toBe('program:api');
  expect(err.key).toBe('startsecs');
  expect(err.message).toBe(
    `${file} line 5, [program:api] startsecs: invalid literal for int() with base 10: '10s' (expected an integer)`,
  );
});

test('an unknown user is refused with a message naming that user', () => {
  const file = write('s.conf', '[supervisord]\n[program:a]\ncommand=x\nuser=ghost\n');
  const err = errorOf(() => loadConfig(file, { host }));
  expect(err.message).toContain('ghost');
  expect(err.line).toBe(4);
  const top = write('t.conf', '[supervisord]\nuser=phantom\n');
  expect(errorOf(() => loadConfig(top, { host })).message).toContain('Invalid user name phantom');
});

test('a known user gives uid and gid; expansion names, numprocs and ordering work', () => {
  const file = write(
    's.conf',
    [
      '[supervisord]',
      'environment=GLOBAL="g"',
      '[program:w]',
      'command=/bin/w --port=%(ENV_APP_PORT)s --n=%(process_num)02d --host=%(host_node_name)s %(ENV_GLOBAL)s',
      'process_name=%(program_name)s_%(process_num)d',
      'numprocs=3',
      'numprocs_start=8',
      'user=app',
      'environment=OWN="%(process_num)d",PORT=%(ENV_APP_PORT)s',
      '',
    ].join('\n'),
  );
  const config = loadConfig(file, { host });
  const group = config.groups[0] as ProgramGroupConfig;
  expect(group.process_names).toEqual(['w_10', 'w_8', 'w_9']);
  const p = group.processes[1];
  expect(p.command).toBe('/bin/w --port=8000 --n=08 --host=box g');
  expect(p.command_argv).toEqual(['/bin/w', '--port=8000', '--n=08', '--host=box', 'g']);
  expect(p.uid).toBe(1500);
  expect(p.gid).toBe(1600);
  expect(p.user).toBe('app');
  expect(p.environment).toEqual({ GLOBAL: 'g', OWN: '8', PORT: '8000' });
  expect(config.supervisord.logfile).toBe(path.join(dir, 'supervisord.log'));
});

test('[DEFAULT] keys apply to every section', () => {
  const file = write('s.conf', '[DEFAULT]\nstartretries=9\n[supervisord]\n[program:a]\ncommand=a\n[program:b]\ncommand=b\nstartretries=1\n');
  const config = loadConfig(file, { host });
  expect(config.groups.map((g) => g.processes[0].startretries)).toEqual([9, 1]);
});

test('command-line overrides win over the file, which is still validated', () => {
  const file = write('s.conf', '[supervisord]\nloglevel=debug\nlogfile_backups=3\nnodaemon=false\n');
  const config = loadConfig(file, { host, overrides: { loglevel: 'WARN', nodaemon: true, logfile: '/tmp/o.log' } });
  expect(config.supervisord.loglevel).toBe('WARN');
  expect(config.supervisord.loglevel_number).toBe(30);
  expect(config.supervisord.nodaemon).toBe(true);
  expect(config.supervisord.logfile_backups).toBe(3);
  expect(config.supervisord.logfile).toBe('/tmp/o.log');
  const bad = write('b.conf', '[supervisord]\nloglevel=loud\n');
  expect(() => loadConfig(bad, { host, overrides: { loglevel: 'WARN' } })).toThrow(/bad logging level name 'loud'/);
});

test('[include]: relative patterns, sorted matches, %(here)s of the included file, merging, warnings and infos', () => {
  fs.mkdirSync(path.join(dir, 'log'));
  write('conf.d/b.conf', '[program:b]\ncommand=%(here)s/b\n');
  write('conf.d/a.conf', '[program:a]\ncommand=/bin/a\n[program:main]\npriority=5\n');
  const file = write(
    's.conf',
    '[supervisord]\nlogfile=%(here)s/log/s.log\n[include]\nfiles=conf.d/*.conf missing/*.ini\n[program:main]\ncommand=/bin/main\npriority=1\n',
  );
  const config = loadConfig(file, { host });
  expect(config.infos).toEqual([
    `Included extra file "${dir}/conf.d/a.conf" during parsing`,
    `Included extra file "${dir}/conf.d/b.conf" during parsing`,
  ]);
  expect(config.warnings).toEqual([`No file matches via include "${dir}/missing/*.ini"`]);
  expect(config.groups.map((g) => [g.name, g.priority])).toEqual([
    ['main', 5],
    ['a', 999],
    ['b', 999],
  ]);
  expect(config.groups[2].processes[0].command).toBe(`${dir}/conf.d/b`);
  expect(config.supervisord.logfile).toBe(`${dir}/log/s.log`);
});

test('an error inside an included file points at that file and line', () => {
  write('conf.d/x.conf', '[program:x]\ncommand=x\nstopsignal=GRACEFUL\n');
  const file = write('s.conf', '[supervisord]\n[include]\nfiles=conf.d/*.conf\n');
  const err = errorOf(() => loadConfig(file, { host }));
  expect(err.file).toBe(`${dir}/conf.d/x.conf`);
  expect(err.line).toBe(3);
  expect(err.key).toBe('stopsignal');
});

test('INI syntax errors carry the line number', () => {
  const file = write('s.conf', '[supervisord]\n[program:a]\ncommand=a\nautorestart true\n');
  const err = errorOf(() => loadConfig(file, { host }));
  expect(err.line).toBe(4);
  expect(err.message).toContain("Source contains parsing errors: '" + file + "'\n\t[line  4]: 'autorestart true\\n'");
});

test('checkConfig reports problems of several sections at once', () => {
  const file = write(
    's.conf',
    '[supervisord]\nminfds=lots\n[program:a]\ncommand=a\nautostart=maybe\nstartsecs=1s\n[program:b]\ncommand=b\nuser=ghost\n[inet_http_server]\nport=abc\n',
  );
  const result = checkConfig(file, { host });
  expect(result.config).toBeNull();
  expect(result.errors.map((e) => [e.section, e.key, e.line])).toEqual([
    ['supervisord', 'minfds', 2],
    ['program:a', 'autostart', 5],
    ['program:a', 'startsecs', 6],
    ['program:b', 'user', 9],
    ['inet_http_server', 'port', 11],
  ]);
  expect(checkConfig(write('ok.conf', '[supervisord]\n'), { host }).errors).toEqual([]);
});

test('rpcinterface factories: known ones resolve, others are refused, the set is injectable', () => {
  const text =
    '[supervisord]\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n' +
    '[rpcinterface:extra]\nsupervisor.rpcinterface_factory = acme.rpc:make\nretries = 3\n';
  const file = write('s.conf', text);
  expect(errorOf(() => loadConfig(file, { host })).message).toContain('acme.rpc:make cannot be resolved within [rpcinterface:extra]');
  const withPlugin = { ...host, resolvableSpecs: new Set([...BUILTIN_RESOLVABLE_SPECS, 'acme.rpc:make']) };
  const config = loadConfig(file, { host: withPlugin });
  expect(config.rpcinterfaces).toEqual([
    { name: 'supervisor', factory: 'supervisor.rpcinterface:make_main_rpcinterface', extras: {} },
    { name: 'extra', factory: 'acme.rpc:make', extras: { retries: '3' } },
  ]);
});

test('an unbalanced quote in command= is accepted; the argv error is recorded', () => {
  const file = write('s.conf', '[supervisord]\n[program:a]\ncommand=/bin/echo "oops\n');
  const p = loadConfig(file, { host }).groups[0].processes[0];
  expect(p.command_argv).toBeNull();
  expect(p.command_argv_error).toBe('No closing quotation');
});

test('servers: unix first for the fallback serverurl; auth must be complete', () => {
  const file = write(
    's.conf',
    '[supervisord]\n[inet_http_server]\nport=127.0.0.1:9001\n[unix_http_server]\nfile=%(here)s/run//s.sock\nchmod=0770\n',
  );
  const config = loadConfig(file, { host });
  const unix = config.http_servers[1] as UnixHttpServerConfig;
  expect(unix.file).toBe(`${dir}/run/s.sock`);
  expect(unix.chmod).toBe(0o770);
  expect(unix.chown).toEqual([-1, -1]);
  expect(config.supervisord.serverurl).toBe(`unix://${dir}/run/s.sock`);
  const half = write('h.conf', '[supervisord]\n[inet_http_server]\nport=9001\nusername=u\n');
  expect(errorOf(() => loadConfig(half, { host })).message).toContain('incomplete authentication');
});

test('[group:x] takes its programs out of their own groups', () => {
  const file = write(
    's.conf',
    '[supervisord]\n[group:g]\nprograms=b,a\npriority=3\n[program:a]\ncommand=a\n[program:b]\ncommand=b\n[program:c]\ncommand=c\n',
  );
  const config = loadConfig(file, { host });
  expect(config.groups.map((g) => [g.name, g.process_names])).toEqual([
    ['g', ['b', 'a']],
    ['c', ['c']],
  ]);
  const bad = write('b.conf', '[supervisord]\n[group:g]\nprograms=a,zz\n[program:a]\ncommand=a\n');
  expect(errorOf(() => loadConfig(bad, { host })).message).toContain('names unknown program or fcgi-program zz');
});

test('a missing key is reported at the line of its section header', () => {
  const file = write('s.conf', '[supervisord]\n\n[program:nocmd]\npriority=1\n');
  const err = errorOf(() => loadConfig(file, { host }));
  expect([err.line, err.section, err.key]).toEqual([3, 'program:nocmd', 'command']);
  expect(err.message).toBe(`${file} line 3, [program:nocmd] command: program section program:nocmd does not specify a command`);
});

test('a missing file and a missing [supervisord] section are refused', () => {
  expect(errorOf(() => loadConfig(path.join(dir, 'none.conf'), { host })).message).toContain('could not find config file');
  const file = write('s.conf', '[program:a]\ncommand=a\n');
  expect(errorOf(() => loadConfig(file, { host })).message).toContain('.ini file does not include supervisord section');
});

test('processesFromProgramOptions validates a dictionary as a [program:x] section', () => {
  const file = write('s.conf', '[supervisord]\nenvironment=TOP="t"\n');
  const config = loadConfig(file, { host });
  const procs = processesFromProgramOptions({
    program: 'dyn',
    groupName: 'pool',
    options: { command: '/bin/dyn %(ENV_TOP)s %(group_name)s %(here)s', numprocs: '2', process_name: '%(program_name)s_%(process_num)d', AutoStart: 'False' },
    config,
    host,
  });
  expect(procs.map((p) => [p.name, p.command, p.autostart])).toEqual([
    ['dyn_0', `/bin/dyn t pool ${dir}`, false],
    ['dyn_1', `/bin/dyn t pool ${dir}`, false],
  ]);
  expect(procs[0].environment).toEqual({});
  expect(() =>
    processesFromProgramOptions({ program: 'dyn', groupName: 'pool', options: { command: 'x', startsecs: 'soon' }, config, host }),
  ).toThrow(/program options, \[program:dyn\] startsecs: invalid literal for int\(\) with base 10: 'soon'/);
});

test('the twiddler factory resolves under its upstream name, our package name and the bare package', () => {
  const factories = [
    'supervisor_twiddler.rpcinterface:make_twiddler_rpcinterface',
    '@supervisor-ts/rpc-twiddler:make_twiddler_rpcinterface',
    '@supervisor-ts/rpc-twiddler',
  ];
  const text =
    '[supervisord]\n' +
    factories.map((factory, index) => `[rpcinterface:t${index}]\nsupervisor.rpcinterface_factory = ${factory}\n`).join('');
  const config = loadConfig(write('s.conf', text), { host });
  expect(config.rpcinterfaces.map((plugin) => plugin.factory)).toEqual(factories);
});

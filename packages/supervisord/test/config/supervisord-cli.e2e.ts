/**
 * The built `supervisord` with --print-config / --check-config on real files: exit codes and
 * output, and the printed JSON compared with what the real Supervisor 4.2.5 parser
 * (/usr/bin/python3 with the supervisor package) makes of the same file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const BIN = path.join(REPO, 'packages/supervisord/bin/supervisord.js');

let dir: string;
const ENV = { HOME: '/root', PATH: process.env.PATH ?? '/usr/bin:/bin', WORKERS: '2', APP_HOME: '/srv/app' };

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sv-cli-e2e-')));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function supervisord(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: ENV, encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = `[supervisord]
logfile=%(here)s/supervisord.log
pidfile=%(here)s/supervisord.pid
loglevel=debug
umask=027
identifier=e2e
environment=STAGE="test",HOME_DIR=%(ENV_APP_HOME)s

[unix_http_server]
file=%(here)s/supervisor.sock
chmod=0770

[inet_http_server]
port=127.0.0.1:9911
username=admin
password=secret

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://%(here)s/supervisor.sock
prompt=e2e

[program:worker]
command=/bin/sh -c "echo %(process_num)d; sleep 1"  ; inline comment
process_name=%(program_name)s_%(process_num)02d
numprocs=%(ENV_WORKERS)s
directory=%(ENV_APP_HOME)s
stdout_logfile=AUTO
stdout_logfile_maxbytes=0
environment=N="%(process_num)d"
autorestart=unexpected
exitcodes=0,2
stopsignal=INT
startsecs=0

[program:web]
command=/usr/bin/env
  FOO=bar
  printenv
priority=10
redirect_stderr=true
stderr_logfile=%(here)s/web.err

[eventlistener:listener]
command=/bin/cat
events=PROCESS_STATE,TICK_60

[group:workers]
programs=worker
priority=50
`;

const BAD = `[supervisord]
logfile=%(here)s/supervisord.log

[program:api]
command=/bin/api
startsecs=10s

[program:cache]
command=/bin/cache
stopsignal=GRACEFUL
`;

/** The reference: the same file through Supervisor 4.2.5's ServerOptions, reduced to comparable fields. */
const PYTHON = `
import json, sys
from supervisor import options, datatypes
so = options.ServerOptions()
so.realize(args=['-c', sys.argv[1]])
def lf(v):
    return 'AUTO' if v is datatypes.Automatic else v
def ar(v):
    return {datatypes.RestartUnconditionally: 'true', datatypes.RestartWhenExitUnexpected: 'unexpected'}.get(v, 'false')
print(json.dumps({
  'supervisord': {'logfile': so.logfile, 'pidfile': so.pidfile, 'loglevel_number': so.loglevel, 'umask': so.umask,
                  'identifier': so.identifier, 'serverurl': so.serverurl,
                  'environment': so.configroot.supervisord.environment},
  'http_servers': [{'section': c['section'], 'port': c.get('port'), 'file': c.get('file'),
                    'username': c['username'], 'password': c['password']} for c in so.server_configs],
  'groups': [{'name': g.name, 'priority': g.priority, 'processes': [
      {'name': p.name, 'command': p.command, 'directory': p.directory, 'environment': p.environment,
       'stdout_logfile': lf(p.stdout_logfile), 'stderr_logfile': lf(p.stderr_logfile), 'autorestart': ar(p.autorestart),
       'exitcodes': p.exitcodes, 'stopsignal_number': p.stopsignal, 'startsecs': p.startsecs, 'priority': p.priority}
      for p in g.process_configs]} for g in so.process_group_configs],
  'warnings': so.parse_warnings,
}, sort_keys=True))
`;

interface Printed {
  supervisord: Record<string, unknown>;
  http_servers: Record<string, unknown>[];
  groups: { name: string; priority: number; processes: Record<string, unknown>[] }[];
  warnings: string[];
  supervisorctl: Record<string, unknown>;
}

function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedDeep((v as Record<string, unknown>)[k])]));
  }
  return v;
}

function reduce(printed: Printed) {
  const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
  return {
    supervisord: pick(printed.supervisord, ['logfile', 'pidfile', 'loglevel_number', 'umask', 'identifier', 'serverurl', 'environment']),
    http_servers: printed.http_servers.map((s) => pick(s, ['section', 'port', 'file', 'username', 'password'])),
    groups: printed.groups.map((g) => ({
      name: g.name,
      priority: g.priority,
      processes: g.processes.map((p) =>
        pick(p, ['name', 'command', 'directory', 'environment', 'stdout_logfile', 'stderr_logfile', 'autorestart', 'exitcodes', 'stopsignal_number', 'startsecs', 'priority']),
      ),
    })),
    warnings: printed.warnings,
  };
}

test('--print-config prints the resolved config as sorted JSON, exit 0, and agrees with Supervisor 4.2.5', () => {
  const file = path.join(dir, 'good.conf');
  fs.writeFileSync(file, GOOD);
  const r = supervisord(['-c', file, '--print-config']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const printed = JSON.parse(r.stdout) as Printed;
  // Keys sorted at every level, 2-space indent, final newline.
  expect(r.stdout).toBe(JSON.stringify(sortedDeep(printed), null, 2) + '\n');
  expect(Object.keys(printed)).toEqual(['groups', 'http_servers', 'infos', 'rpcinterfaces', 'supervisorctl', 'supervisord', 'warnings']);
  expect(printed.groups.map((g) => g.name)).toEqual(['listener', 'web', 'workers']);
  expect(printed.supervisorctl).toEqual({
    serverurl: `unix://${dir}/supervisor.sock`,
    username: null,
    password: null,
    prompt: 'e2e',
    history_file: null,
    ctlplugins: [],
  });
  expect(printed.groups[2].processes[0].command_argv).toEqual(['/bin/sh', '-c', 'echo 0; sleep 1']);

  const py = spawnSync('/usr/bin/python3', ['-c', PYTHON, file], { cwd: dir, env: ENV, encoding: 'utf8', timeout: 20000 });
  expect(py.stderr).toBe('');
  expect(py.status).toBe(0);
  expect(reduce(printed)).toEqual(JSON.parse(py.stdout));
});

test('--print-config on a rejected file prints "Error: ..." to stderr and exits 2', () => {
  const file = path.join(dir, 'bad.conf');
  fs.writeFileSync(file, BAD);
  const r = supervisord(['-c', file, '--print-config']);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    `Error: ${file} line 6, [program:api] startsecs: invalid literal for int() with base 10: '10s' (expected an integer)\n`,
  );
});

test('--check-config prints OK for a good file and every error for a bad one', () => {
  const good = path.join(dir, 'good.conf');
  fs.writeFileSync(good, GOOD);
  const ok = supervisord(['-c', good, '--check-config']);
  expect(ok.status).toBe(0);
  expect(ok.stdout.trimEnd().split('\n').pop()).toBe('OK');

  const bad = path.join(dir, 'bad.conf');
  fs.writeFileSync(bad, BAD);
  const r = supervisord(['-c', bad, '--check-config']);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain('line 6, [program:api] startsecs');
  expect(lines[1]).toContain("line 10, [program:cache] stopsignal: value 'GRACEFUL' is not a valid signal name");
});

test('a config error at start prints the error and the help hint, exit 2; -v prints 4.2.5', () => {
  const bad = path.join(dir, 'bad.conf');
  fs.writeFileSync(bad, BAD);
  const r = supervisord(['-c', bad]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^Error: .*startsecs.*\nFor help, use .*supervisord\.js -h\n$/);
  const v = supervisord(['-v']);
  expect(v.status).toBe(0);
  expect(v.stdout).toBe('4.2.5\n');
  const u = supervisord(['--bogus']);
  expect(u.status).toBe(2);
  expect(u.stderr).toMatch(/^Error: option --bogus not recognized\nFor help, use /);
});

/**
 * Differential check against the real Supervisor 4.2.5 parser (/usr/bin/python3 with the
 * supervisor package): edge cases of config.md, each written to a temp file, parsed by both.
 * Accept/reject must agree, and for accepted files the values below must be equal.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import cases from './fixtures/differential-cases.json';
import { defaultConfigHost } from '../../src/config/config-host';
import { loadConfig } from '../../src/config/load';

const PYTHON = `
import json, os, sys
from supervisor import options, datatypes
def lf(v):
    return 'AUTO' if v is datatypes.Automatic else v
out = []
for f in sys.argv[1:]:
    so = options.ServerOptions()
    def usage(msg):
        raise ValueError(msg)
    so.usage = usage
    try:
        so.realize(args=['-c', f])
    except ValueError as e:
        out.append({'ok': False, 'error': str(e)})
        continue
    out.append({'ok': True,
        'groups': [[g.name, g.priority, [[p.name, p.command, lf(p.stdout_logfile), p.killasgroup, p.stopsignal,
                     p.stdout_syslog, lf(p.stderr_logfile), p.uid, p.stdout_capture_maxbytes, p.serverurl]
                    for p in g.process_configs]] for g in so.process_group_configs],
        'sup': [so.identifier, so.logfile, so.pidfile, so.umask, so.uid, so.configroot.supervisord.environment],
        'servers': [[c['section'], c['name'], c.get('host'), c.get('port')] for c in so.server_configs],
        'warnings': so.parse_warnings})
print(json.dumps(out))
`;

let dir: string;
let files: string[];
let reference: { ok: boolean; error?: string }[];

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sv-diff-')));
  files = (cases as string[]).map((text, i) => {
    const file = path.join(dir, `c${i}.conf`);
    fs.writeFileSync(file, text);
    return file;
  });
  const py = spawnSync('/usr/bin/python3', ['-c', PYTHON, ...files], {
    cwd: dir,
    env: { HOME: '/root' },
    encoding: 'utf8',
    timeout: 30000,
  });
  if (py.status !== 0) throw new Error(`reference parser failed: ${py.stderr}`);
  reference = JSON.parse(py.stdout);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const host = defaultConfigHost({ env: { HOME: '/root' } });

test.each((cases as string[]).map((text, i) => [i, text] as const))('case %i: %j', (i) => {
  const ref = reference[i];
  let ours: unknown;
  try {
    const c = loadConfig(files[i], { host: { ...host, cwd: () => dir } });
    ours = {
      ok: true,
      groups: c.groups.map((g) => [
        g.name,
        g.priority,
        g.processes.map((p) => [
          p.name, p.command, p.stdout_logfile, p.killasgroup, p.stopsignal_number,
          p.stdout_syslog, p.stderr_logfile, p.uid, p.stdout_capture_maxbytes, p.serverurl,
        ]),
      ]),
      sup: [c.supervisord.identifier, c.supervisord.logfile, c.supervisord.pidfile, c.supervisord.umask, c.supervisord.uid, c.supervisord.environment],
      servers: c.http_servers.map((s) => [s.section, s.name, s.family === 'inet' ? s.host : null, s.family === 'inet' ? s.port : null]),
      warnings: c.warnings,
    };
  } catch (e) {
    ours = { ok: false, message: (e as Error).message };
  }
  if (ref.ok) expect(ours).toEqual(ref);
  else expect(ours).toEqual({ ok: false, message: expect.stringContaining(files[i]) });
});

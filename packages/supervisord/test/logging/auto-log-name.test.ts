import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { cleanupAutoLogs, resolveAutoLogPath } from '../../src/logging/auto-log-name';
import { startRealSupervisord } from '../../../../test/helpers/real-supervisord';
import { useTempDir } from './temp-dir';

const AUTO_NAME = /^talker-(stdout|stderr)---supervisor-[a-z0-9_]{8}\.log$/;

describe('AUTO child log names', () => {
  const tmp = useTempDir('auto-log');

  it('are named and created like the real supervisord (mode 0600, empty)', async () => {
    const real = await startRealSupervisord({
      programs: '[program:talker]\ncommand=/bin/sleep 30\nstartsecs=0\nstopwaitsecs=1\n',
    });
    let realNames: string[];
    let realModes: number[];
    try {
      realNames = fs.readdirSync(real.dir).filter((name) => name.startsWith('talker-'));
      realModes = realNames.map((name) => fs.statSync(path.join(real.dir, name)).mode & 0o777);
    } finally {
      await real.stop();
    }
    expect(realNames.sort().map((name) => name.replace(/-[a-z0-9_]{8}\.log$/, '-X.log'))).toEqual([
      'talker-stderr---supervisor-X.log',
      'talker-stdout---supervisor-X.log',
    ]);
    for (const name of realNames) expect(name).toMatch(AUTO_NAME);
    expect(realModes).toEqual([0o600, 0o600]);

    const ours = resolveAutoLogPath(tmp(), 'talker', 'stdout', 'supervisor');
    expect(path.dirname(ours)).toBe(tmp());
    expect(path.basename(ours)).toMatch(AUTO_NAME);
    expect(fs.statSync(ours).mode & 0o777).toBe(0o600);
    expect(fs.statSync(ours).size).toBe(0);
  });

  it('makes a relative childlogdir absolute and never reuses a name', () => {
    const relative = path.relative(process.cwd(), tmp());
    const names = new Set<string>();
    for (let i = 0; i < 200; i += 1) names.add(resolveAutoLogPath(relative, 'p', 'stderr', 'id'));
    expect(names.size).toBe(200);
    for (const name of names) expect(path.isAbsolute(name) && name.startsWith(tmp())).toBe(true);
  });

  it('throws when the directory does not exist', () => {
    expect(() => resolveAutoLogPath(path.join(tmp(), 'missing'), 'p', 'stdout', 'supervisor')).toThrow(/ENOENT/);
  });

  it('cleanup removes exactly what supervisor 4.2.5 removes', () => {
    const names = [
      'talker-stdout---supervisor-abcd1234.log',
      'talker-stderr---supervisor-abcd1234.log.1',
      'talker-stderr---supervisor-abcd1234.log.12',
      'other-stdout---otherid-abcd1234.log',
      'supervisord.log',
      'x---supervisor-.log',
      '---supervisor-a.log',
      'a---supervisor-b.logfile',
      'notes.txt',
      'a---supervisorXb.log',
    ];
    const ours = path.join(tmp(), 'ours');
    const theirs = path.join(tmp(), 'theirs');
    for (const dir of [ours, theirs]) {
      fs.mkdirSync(dir);
      for (const name of names) fs.writeFileSync(path.join(dir, name), 'x');
    }
    const script = [
      'import sys',
      'from supervisor.options import ServerOptions',
      'from supervisor.loggers import getLogger',
      'o = ServerOptions()',
      'o.childlogdir = sys.argv[1]',
      "o.identifier = 'supervisor'",
      'o.logger = getLogger()',
      'o.clear_autochildlogdir()',
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script, theirs]);
    expect(run.stderr.toString()).toBe('');
    expect(run.status).toBe(0);

    const result = cleanupAutoLogs(ours, 'supervisor');
    expect(result.warnings).toEqual([]);
    expect(fs.readdirSync(ours).sort()).toEqual(fs.readdirSync(theirs).sort());
    expect(result.removed.map((p) => path.basename(p)).sort()).toEqual(
      names.filter((name) => !fs.existsSync(path.join(theirs, name))).sort(),
    );
    expect(result.removed.length).toBeGreaterThan(2);
  });

  it('cleanup warns as upstream when the directory cannot be read', () => {
    expect(cleanupAutoLogs(path.join(tmp(), 'missing'), 'supervisor')).toEqual({
      removed: [],
      warnings: ['Could not clear childlog dir'],
    });
  });
});

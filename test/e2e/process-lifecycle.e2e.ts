/**
 * The daemon core with real children: start, retries, restarts, stops, signals to the daemon,
 * pidfile, what a child inherits. Observed through the activity log, marker files and /proc.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startRealSupervisord } from '../helpers/real-supervisord';
import {
  descendantsOf,
  isAlive,
  startOurSupervisord,
  waitUntil,
  type OurSupervisord,
} from '../helpers/our-supervisord';

const PROGRAMS = path.resolve(__dirname, '../fixtures/programs');

function conf(programs: string, supervisordExtra = ''): string {
  return (
    `[supervisord]\nlogfile={{dir}}/supervisord.log\npidfile={{dir}}/supervisord.pid\n` +
    `childlogdir={{dir}}\nloglevel=info\n${supervisordExtra}\n${programs}\n`
  );
}

const started: OurSupervisord[] = [];
async function start(text: string, args: string[] = []): Promise<OurSupervisord> {
  const daemon = await startOurSupervisord({ conf: text, args });
  started.push(daemon);
  return daemon;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((daemon) => daemon.stop()));
});

/** The lines of the activity log without their timestamps. */
function messages(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} /, ''))
    .filter((line) => line.length > 0);
}

function readPidFile(file: string): number {
  return Number(fs.readFileSync(file, 'utf8').trim());
}

describe('supervisord daemon core', () => {
  test('autostart reaches RUNNING, pidfile written; SIGTERM stops every child, removes the pidfile, exits 0', async () => {
    const daemon = await start(
      conf(
        `[program:sleeper]\ncommand=/bin/sleep 1000\nstartsecs=0\n` +
          `[program:two]\ncommand=/bin/sleep 1001\nstartsecs=0\nprocess_name=%(program_name)s_%(process_num)d\nnumprocs=2\n`,
      ),
    );
    await daemon.waitForLog('success: sleeper entered RUNNING state');
    await daemon.waitForLog('success: two_1 entered RUNNING state');
    await daemon.waitForLog('success: two_0 entered RUNNING state');
    const pidfile = path.join(daemon.dir, 'supervisord.pid');
    expect(readPidFile(pidfile)).toBe(daemon.pid);
    expect(daemon.output()).toContain(`supervisord started with pid ${daemon.pid}`);
    const children = descendantsOf(daemon.pid);
    expect(children).toHaveLength(3);
    process.kill(daemon.pid, 'SIGTERM');
    expect(await daemon.waitForExit(10000)).toBe(0);
    const out = messages(daemon.output());
    expect(out).toContain('WARN received SIGTERM indicating exit request');
    expect(out).toContain('WARN stopped: sleeper (terminated by SIGTERM)');
    expect(out).toContain('WARN stopped: two_0 (terminated by SIGTERM)');
    for (const child of children) expect(isAlive(child)).toBe(false);
    expect(fs.existsSync(pidfile)).toBe(false);
  });

  test('exits before startsecs: the BACKOFF/FATAL log sequence equals real 4.2.5', async () => {
    // startsecs well above the run time: 4.2.5 measures uptime at reap time, which can lag ~1 s.
    const programs = `[program:quick]\ncommand=/bin/sh -c "sleep 0.2; exit 3"\nstartretries=2\nstartsecs=2\nautorestart=false\n`;
    const real = await startRealSupervisord({ programs });
    try {
      const ours = await start(conf(programs));
      const gaveUp = 'gave up: quick entered FATAL state, too many start retries too quickly';
      await ours.waitForLog(gaveUp, 15000);
      await waitUntil('real supervisord to give up', () => fs.readFileSync(real.logPath, 'utf8').includes(gaveUp), 15000).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${fs.readFileSync(real.logPath, 'utf8')}`);
        },
      );
      const relevant = (lines: string[]) =>
        lines
          .filter((line) => / (spawned|exited|gave up|spawnerr|success): /.test(line))
          .map((line) => line.replace(/pid \d+/, 'pid N'));
      const ourLines = relevant(messages(ours.output()));
      const realLines = relevant(messages(fs.readFileSync(real.logPath, 'utf8')));
      expect(ourLines).toEqual(realLines);
      expect(ourLines).toHaveLength(7);
    } finally {
      await real.stop();
    }
  });

  test('start and stop order across priorities, numprocs and [group:x] equals real 4.2.5', async () => {
    const programs =
      `[program:p_hi]\ncommand=/bin/sleep 1000\npriority=900\nstartsecs=0\n` +
      `[program:p_lo]\ncommand=/bin/sleep 1001\npriority=1\nstartsecs=0\n` +
      `[program:multi]\ncommand=/bin/sleep 1002\npriority=500\nstartsecs=0\nnumprocs=3\nnumprocs_start=8\nprocess_name=multi_%(process_num)d\n` +
      `[program:m1]\ncommand=/bin/sleep 1003\npriority=50\nstartsecs=0\n` +
      `[program:m2]\ncommand=/bin/sleep 1004\npriority=5\nstartsecs=0\n` +
      `[group:grp]\nprograms=m1,m2\npriority=100\n` +
      `[program:zz]\ncommand=/bin/sleep 1005\nstartsecs=0\n`;
    const orderOf = (log: string) => {
      const lines = messages(log);
      return {
        spawned: lines.filter((l) => l.startsWith('INFO spawned:')).map((l) => l.replace(/ with pid \d+/, '')),
        // The stop signal only: on a loaded machine 4.2.5 may add a SIGKILL when stopwaitsecs runs out.
        killed: lines
          .filter((l) => l.startsWith('DEBG killing ') && l.endsWith('with signal SIGTERM'))
          .map((l) => l.replace(/\(pid \d+\) /, '')),
      };
    };
    const expectedStops = 8;
    const real = await startRealSupervisord({ programs, supervisordExtra: 'loglevel=debug' });
    let realLog: string;
    try {
      await waitUntil('real to start all', () => orderOf(fs.readFileSync(real.logPath, 'utf8')).spawned.length === expectedStops, 15000);
      process.kill(real.pid, 'SIGTERM');
      realLog = await waitUntil(
        'real to stop all',
        () => {
          const text = fs.readFileSync(real.logPath, 'utf8');
          return messages(text).filter((l) => / stopped: /.test(l)).length === expectedStops ? text : undefined;
        },
        20000,
      );
    } finally {
      await real.stop();
    }
    const ours = await start(conf(programs, 'loglevel=debug'));
    await waitUntil('ours to start all', () => orderOf(ours.output()).spawned.length === expectedStops);
    process.kill(ours.pid, 'SIGTERM');
    expect(await ours.waitForExit(10000)).toBe(0);
    const realOrder = orderOf(realLog);
    expect(realOrder.killed).toHaveLength(expectedStops);
    expect(orderOf(ours.output())).toEqual(realOrder);
  });

  test('an unknown command goes through spawnerr retries to FATAL like 4.2.5', async () => {
    const daemon = await start(conf(`[program:notfound]\ncommand=/nonexistent/prog\nstartretries=1\n`));
    await daemon.waitForLog('gave up: notfound entered FATAL state');
    const out = messages(daemon.output()).filter((line) => /notfound|nonexistent/.test(line));
    expect(out).toEqual([
      "INFO spawnerr: can't find command '/nonexistent/prog'",
      "INFO spawnerr: can't find command '/nonexistent/prog'",
      'INFO gave up: notfound entered FATAL state, too many start retries too quickly',
    ]);
  });

  test('a crashed autorestart=true program runs again quickly; expected exits are not restarted with autorestart=unexpected', async () => {
    const starts = (name: string) => `{{dir}}/${name}.starts`;
    const daemon = await start(
      conf(
        `[program:crasher]\ncommand=${PROGRAMS}/run-then-exit.sh ${starts('crasher')} 0.3 1\nstartsecs=0\nautorestart=true\n` +
          `[program:expected]\ncommand=${PROGRAMS}/run-then-exit.sh ${starts('expected')} 0.3 5\nstartsecs=0\nautorestart=unexpected\nexitcodes=0,5\n` +
          `[program:unexpected]\ncommand=${PROGRAMS}/run-then-exit.sh ${starts('unexpected')} 0.3 7\nstartsecs=0\nautorestart=unexpected\nexitcodes=0,5\n`,
      ),
    );
    const lines = (name: string) => () => {
      try {
        return fs.readFileSync(path.join(daemon.dir, `${name}.starts`), 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    };
    await waitUntil('crasher restarted twice', () => lines('crasher')().length >= 3, 6000);
    await waitUntil('unexpected restarted', () => lines('unexpected')().length >= 2, 6000);
    await daemon.waitForLog('exited: expected (exit status 5; expected)');
    await daemon.waitForLog('exited: crasher (exit status 1; not expected)');
    await daemon.waitForLog('exited: unexpected (exit status 7; not expected)');
    await daemon.waitForLog(/(spawned: 'crasher'[\s\S]*){3}/);
    expect(lines('expected')()).toHaveLength(1);
  });

  test('a child ignoring SIGTERM is SIGKILLed after stopwaitsecs at shutdown', async () => {
    const daemon = await start(
      conf(`[program:stubborn]\ncommand=${PROGRAMS}/ignore-term.sh {{dir}}/stubborn.ready\nstartsecs=0\nstopwaitsecs=1\n`),
    );
    await waitUntil('stubborn ready', () => fs.existsSync(path.join(daemon.dir, 'stubborn.ready')));
    const [child] = descendantsOf(daemon.pid);
    const stopAsked = Date.now();
    process.kill(daemon.pid, 'SIGTERM');
    expect(await daemon.waitForExit(10000)).toBe(0);
    const elapsed = Date.now() - stopAsked;
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    const out = messages(daemon.output());
    expect(out).toContain(`WARN killing 'stubborn' (${child}) with SIGKILL`);
    expect(out).toContain('WARN stopped: stubborn (terminated by SIGKILL)');
    expect(isAlive(child)).toBe(false);
  });

  test('stopasgroup kills grandchildren; without it the grandchild survives the stop', async () => {
    const daemon = await start(
      conf(
        `[program:grouped]\ncommand=${PROGRAMS}/spawn-grandchild.sh {{dir}}/grouped.pid\nstartsecs=0\nstopasgroup=true\n` +
          `[program:single]\ncommand=${PROGRAMS}/spawn-grandchild.sh {{dir}}/single.pid\nstartsecs=0\nstopwaitsecs=1\n`,
      ),
    );
    const grouped = await waitUntil('grouped grandchild', () => {
      const file = path.join(daemon.dir, 'grouped.pid');
      return fs.existsSync(file) ? readPidFile(file) : undefined;
    });
    const single = await waitUntil('single grandchild', () => {
      const file = path.join(daemon.dir, 'single.pid');
      return fs.existsSync(file) ? readPidFile(file) : undefined;
    });
    try {
      process.kill(daemon.pid, 'SIGTERM');
      expect(await daemon.waitForExit(10000)).toBe(0);
      expect(isAlive(grouped)).toBe(false);
      expect(isAlive(single)).toBe(true);
      expect(daemon.output()).toContain('stopped: grouped (terminated by SIGTERM)');
    } finally {
      if (isAlive(single)) process.kill(single, 'SIGKILL');
    }
  });

  test('SIGHUP re-reads the config and rebuilds in the same process', async () => {
    const daemon = await start(conf(`[program:first]\ncommand=/bin/sleep 1000\nstartsecs=0\n`));
    await daemon.waitForLog('success: first entered RUNNING state');
    fs.appendFileSync(daemon.configPath, `[program:second]\ncommand=/bin/sleep 1002\nstartsecs=0\n`);
    process.kill(daemon.pid, 'SIGHUP');
    await daemon.waitForLog('success: second entered RUNNING state');
    const out = messages(daemon.output());
    expect(out).toContain('WARN received SIGHUP indicating restart request');
    expect(out).toContain('WARN stopped: first (terminated by SIGTERM)');
    expect(out.filter((line) => line === `INFO supervisord started with pid ${daemon.pid}`)).toHaveLength(2);
    expect(out.filter((line) => line.startsWith("INFO spawned: 'first'"))).toHaveLength(2);
    expect(readPidFile(path.join(daemon.dir, 'supervisord.pid'))).toBe(daemon.pid);
  });

  test('SIGHUP with a config that no longer loads stops the children and exits 2 with the error', async () => {
    const daemon = await start(conf(`[program:first]\ncommand=/bin/sleep 1000\nstartsecs=0\n`));
    await daemon.waitForLog('success: first entered RUNNING state');
    const [child] = descendantsOf(daemon.pid);
    fs.appendFileSync(daemon.configPath, `[program:broken]\nstartsecs=notanumber\n`);
    process.kill(daemon.pid, 'SIGHUP');
    expect(await daemon.waitForExit(10000)).toBe(2);
    expect(daemon.output()).toMatch(/^Error: .*broken/m);
    expect(isAlive(child)).toBe(false);
  });

  test('redirect_stderr keeps the order in which the child wrote stdout and stderr', async () => {
    const script = 'i=0; while [ $i -lt 300 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done; exec sleep 1000';
    const daemon = await start(
      conf(`[program:mixed]\ncommand=/bin/sh -c '${script}'\nstartsecs=0\nredirect_stderr=true\nstdout_logfile={{dir}}/mixed.log\n`),
    );
    const expected = Array.from({ length: 300 }, (_, i) => `out${i}\nerr${i}\n`).join('');
    const logged = await waitUntil('all output', () => {
      const file = path.join(daemon.dir, 'mixed.log');
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      return text.length >= expected.length ? text : undefined;
    });
    expect(logged).toBe(expected);
    expect(fs.readdirSync(daemon.dir).filter((name) => name.startsWith('mixed-stderr'))).toEqual([]);
  });

  test('a child sees its environment, directory and umask', async () => {
    const daemon = await start(
      conf(
        `[program:envy]\ncommand=${PROGRAMS}/report-environment.sh {{dir}}/envy.txt\nstartsecs=0\n` +
          `directory=/tmp\numask=027\nenvironment=SHARED="program",FROM_PROGRAM="yes"\n` +
          `[unix_http_server]\nfile={{dir}}/supervisor.sock\n`,
        'environment=SHARED="supervisord",FROM_SUPERVISORD="1"',
      ),
    );
    const report = await waitUntil('environment report', () => {
      const file = path.join(daemon.dir, 'envy.txt');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    });
    expect(report).toContain('cwd=/tmp\n');
    expect(report).toContain('umask=0027\n');
    expect(report).toContain('SUPERVISOR_ENABLED=1\n');
    expect(report).toContain('SUPERVISOR_PROCESS_NAME=envy\n');
    expect(report).toContain('SUPERVISOR_GROUP_NAME=envy\n');
    expect(report).toContain(`SUPERVISOR_SERVER_URL=unix://${daemon.dir}/supervisor.sock\n`);
    expect(report).toContain('FROM_SUPERVISORD=1\n');
    expect(report).toContain('SHARED=program\n');
  });

  test('user=nobody runs the child with the uid, gid and supplementary groups of nobody', async () => {
    expect(process.getuid?.()).toBe(0);
    const daemon = await start(
      conf(`[program:lowly]\ncommand=${PROGRAMS}/report-environment.sh {{dir}}/lowly.txt\nstartsecs=0\nuser=nobody\n`),
    );
    fs.chmodSync(daemon.dir, 0o777);
    const report = await waitUntil('report of nobody', () => {
      const file = path.join(daemon.dir, 'lowly.txt');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    });
    const uid = execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim();
    const groups = execFileSync('id', ['-G', 'nobody'], { encoding: 'utf8' }).trim().split(' ').sort();
    expect(report).toMatch(new RegExp(`^Uid:\\s+${uid}\\s+${uid}\\s+${uid}\\s+${uid}$`, 'm'));
    expect(report).toMatch(new RegExp(`^Gid:\\s+${gid}\\s+${gid}\\s+${gid}\\s+${gid}$`, 'm'));
    const reportedGroups = /^Groups:\s*(.*)$/m.exec(report)![1].trim().split(/\s+/).filter(Boolean).sort();
    expect(reportedGroups).toEqual(groups);
  });

  test('an unknown [supervisord] user= refuses to start with a clear message', async () => {
    const daemon = await start(conf('', 'user=no_such_user_xyz'));
    expect(await daemon.waitForExit(10000)).toBe(2);
    expect(daemon.output()).toContain('Invalid user name no_such_user_xyz');
  });
});

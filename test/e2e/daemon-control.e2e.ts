/**
 * Our daemon driven by the real 4.2.5 supervisorctl over its unix socket: status, stop, start,
 * reread + update (the reload diff), shutdown; plus SIGUSR2, a flooding child, daemonizing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { descendantsOf, isAlive, startOurSupervisord, SUPERVISORD_BIN, waitUntil, type OurSupervisord } from '../helpers/our-supervisord';
import { freePort } from '../helpers/free-port';

const REAL_SUPERVISORCTL = '/usr/bin/supervisorctl';

function conf(programs: string, supervisordExtra = ''): string {
  return (
    `[supervisord]\nlogfile={{dir}}/supervisord.log\npidfile={{dir}}/supervisord.pid\n` +
    `childlogdir={{dir}}\nloglevel=info\n${supervisordExtra}\n` +
    `[unix_http_server]\nfile={{dir}}/supervisor.sock\n` +
    `[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n` +
    `[supervisorctl]\nserverurl=unix://{{dir}}/supervisor.sock\n${programs}\n`
  );
}

function ctl(daemon: { configPath: string }, ...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(REAL_SUPERVISORCTL, ['-c', daemon.configPath, ...args], { timeout: 20000 }, (error, stdout, stderr) => {
      const code = error ? ((error as NodeJS.ErrnoException & { code?: number }).code as unknown as number) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, out: stdout + stderr });
    });
  });
}

const started: OurSupervisord[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((daemon) => daemon.stop()));
});

async function start(text: string): Promise<OurSupervisord> {
  const daemon = await startOurSupervisord({ conf: text });
  started.push(daemon);
  await waitUntil('the unix socket', () => fs.existsSync(path.join(daemon.dir, 'supervisor.sock')));
  return daemon;
}

describe('supervisord driven by the real supervisorctl', () => {
  test('status, stop, start, reread/update and shutdown', async () => {
    const daemon = await start(
      `${conf('[program:a]\ncommand=/bin/sleep 1000\nstartsecs=0\n[program:b]\ncommand=/bin/sleep 1001\nstartsecs=0\n[program:gone]\ncommand=/bin/sleep 1004\nstartsecs=0\n')}`,
    );
    await daemon.waitForLog('success: b entered RUNNING state');
    await daemon.waitForLog('success: a entered RUNNING state');
    let result = await ctl(daemon, 'status');
    expect(result.out).toMatch(/^a\s+RUNNING\s+pid \d+, uptime/m);
    expect(result.out).toMatch(/^b\s+RUNNING\s+pid \d+, uptime/m);

    expect((await ctl(daemon, 'stop', 'a')).out).toBe('a: stopped\n');
    expect((await ctl(daemon, 'status', 'a')).out).toMatch(/^a\s+STOPPED/m);
    expect((await ctl(daemon, 'start', 'a')).out).toBe('a: started\n');

    const text = fs.readFileSync(daemon.configPath, 'utf8').replace('sleep 1001', 'sleep 1003').replace(/\[program:gone\][^[]*/, '');
    fs.writeFileSync(daemon.configPath, `${text}[program:c]\ncommand=/bin/sleep 1002\nstartsecs=0\n`);
    result = await ctl(daemon, 'reread');
    expect(result.out.split('\n').sort().filter(Boolean)).toEqual(['b: changed', 'c: available', 'gone: disappeared']);
    result = await ctl(daemon, 'update');
    expect(result.out).toContain('b: updated process group');
    expect(result.out).toContain('c: added process group');
    expect(result.out).toContain('gone: removed process group');
    await daemon.waitForLog('success: c entered RUNNING state');
    result = await ctl(daemon, 'status');
    expect(result.out).toMatch(/^c\s+RUNNING/m);
    expect(result.out).not.toMatch(/^gone/m);

    expect((await ctl(daemon, 'shutdown')).out).toContain('Shut down');
    expect(await daemon.waitForExit(10000)).toBe(0);
    expect(fs.existsSync(path.join(daemon.dir, 'supervisor.sock'))).toBe(false);
  });

  test('SIGUSR2 reopens the logs; a child flooding its output does not disturb the daemon', async () => {
    const daemon = await start(
      conf(
        `[program:flood]\ncommand=/bin/sh -c "yes flood-flood-flood"\nstartsecs=0\nstdout_logfile={{dir}}/flood.log\nstdout_logfile_maxbytes=1MB\nstdout_logfile_backups=1\n` +
          `[program:quiet]\ncommand=/bin/sh -c "echo hello-quiet; exec sleep 1000"\nstartsecs=0\nstdout_logfile={{dir}}/quiet.log\n`,
      ),
    );
    await waitUntil('the flood to rotate', () => fs.existsSync(path.join(daemon.dir, 'flood.log.1')), 15000);
    await waitUntil('quiet output', () => fs.readFileSync(path.join(daemon.dir, 'quiet.log'), 'utf8') === 'hello-quiet\n');
    expect((await ctl(daemon, 'status', 'quiet')).out).toMatch(/^quiet\s+RUNNING/m);
    fs.renameSync(path.join(daemon.dir, 'supervisord.log'), path.join(daemon.dir, 'supervisord.log.old'));
    process.kill(daemon.pid, 'SIGUSR2');
    await daemon.waitForLog('supervisord logreopen');
    await waitUntil('a new main log', () => fs.existsSync(path.join(daemon.dir, 'supervisord.log')));
    expect(fs.readFileSync(path.join(daemon.dir, 'supervisord.log'), 'utf8')).toContain('supervisord logreopen');
  });
});


function python(script: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', ['-c', script, ...args], { timeout: 20000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

describe('[rpcinterface:x] plugins', () => {
  test('twiddler is loaded from its factory spec and changes the running groups', async () => {
    const port = await freePort();
    const daemon = await start(
      conf('', '') +
        `[inet_http_server]\nport=127.0.0.1:${port}\nusername=u\npassword=p\n` +
        `[rpcinterface:twiddler]\nsupervisor.rpcinterface_factory = supervisor_twiddler.rpcinterface:make_twiddler_rpcinterface\n`,
    );
    await daemon.waitForLog("RPC interface 'twiddler' initialized");
    const out = await python(
      [
        'import sys, time, xmlrpc.client',
        's = xmlrpc.client.ServerProxy(sys.argv[1])',
        "print(s.twiddler.addGroup('dyn', 999))",
        "print(s.twiddler.addProgramToGroup('dyn', 'dynprog', {'command': '/bin/sleep 1000', 'startsecs': '0'}))",
        "deadline = time.monotonic() + 10",
        "while s.supervisor.getProcessInfo('dyn:dynprog')['statename'] != 'RUNNING' and time.monotonic() < deadline: time.sleep(0.05)",
        "print(s.supervisor.getProcessInfo('dyn:dynprog')['statename'])",
        "print(s.supervisor.stopProcess('dyn:dynprog'))",
        "print(s.twiddler.removeProcessFromGroup('dyn', 'dynprog'))",
        "print(len(s.supervisor.getAllProcessInfo()))",
      ].join('\n'),
      `http://u:p@127.0.0.1:${port}/RPC2`,
    );
    expect(out.split('\n')).toEqual(['True', 'True', 'RUNNING', 'True', 'True', '0', '']);
    await daemon.waitForLog('stopped: dynprog (terminated by SIGTERM)');
  });
});

describe('daemonizing', () => {
  test('a startup error of the background daemon is printed by the foreground process, exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'our-svd-bg-'));
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = busy.address() as net.AddressInfo;
      const configPath = path.join(dir, 'supervisord.conf');
      fs.writeFileSync(
        configPath,
        (conf('[program:never]\ncommand=/bin/sleep 1000\n') + `[inet_http_server]\nport=127.0.0.1:${port}\n`).replaceAll('{{dir}}', dir),
      );
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, [SUPERVISORD_BIN, '-c', configPath], { timeout: 20000 }, (_error, _stdout, stderr) =>
          resolve({ code: child.exitCode, stderr }),
        );
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^Error: Another program is already listening on a port/m);
      expect(fs.existsSync(path.join(dir, 'supervisord.pid'))).toBe(false);
    } finally {
      busy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without -n the daemon goes to the background, writes its pidfile and shuts down on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'our-svd-bg-'));
    const configPath = path.join(dir, 'supervisord.conf');
    fs.writeFileSync(
      configPath,
      conf(`[program:bg]\ncommand=/bin/sleep 1000\nstartsecs=0\n`, `directory=${dir}\numask=077`).replaceAll('{{dir}}', dir),
    );
    const pidfile = path.join(dir, 'supervisord.pid');
    let pid = 0;
    try {
      const foreground = await new Promise<number | null>((resolve) => {
        const child = execFile(process.execPath, [SUPERVISORD_BIN, '-c', configPath], {
          timeout: 20000,
        });
        child.on('exit', (code) => resolve(code));
      });
      expect(foreground).toBe(0);
      pid = await waitUntil('the pidfile', () => (fs.existsSync(pidfile) ? Number(fs.readFileSync(pidfile, 'utf8')) : undefined));
      expect(isAlive(pid)).toBe(true);
      const log = await waitUntil('bg running', () => {
        const text = fs.readFileSync(path.join(dir, 'supervisord.log'), 'utf8');
        return text.includes('success: bg entered RUNNING state') ? text : undefined;
      });
      expect(log).toContain('daemonizing the supervisord process');
      expect(fs.readlinkSync(`/proc/${pid}/cwd`)).toBe(dir);
      expect(fs.readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^Umask:\s+0077$/m);
      // A new session: the daemon leads it.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      expect(Number(fields[3])).toBe(pid);
      expect((await ctl({ configPath }, 'status', 'bg')).out).toMatch(/^bg\s+RUNNING/m);
      process.kill(pid, 'SIGTERM');
      await waitUntil('the daemon to exit', () => !isAlive(pid), 10000);
      expect(fs.existsSync(pidfile)).toBe(false);
    } finally {
      if (pid && isAlive(pid)) {
        for (const descendant of descendantsOf(pid)) process.kill(descendant, 'SIGKILL');
        process.kill(pid, 'SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

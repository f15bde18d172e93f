/** Startup duties of the daemon: AUTO log cleanup, rlimits, FastCGI sockets, privilege drop. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { descendantsOf, startOurSupervisord, waitUntil, type OurSupervisord } from '../helpers/our-supervisord';

const PROGRAMS = path.resolve(__dirname, '../fixtures/programs');

function conf(programs: string, supervisordExtra = ''): string {
  return (
    `[supervisord]\nlogfile={{dir}}/supervisord.log\npidfile={{dir}}/supervisord.pid\n` +
    `childlogdir={{dir}}\nloglevel=info\n${supervisordExtra}\n${programs}\n`
  );
}

const started: OurSupervisord[] = [];
const afterCleanup: Array<() => void> = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((daemon) => daemon.stop()));
  for (const cleanup of afterCleanup.splice(0)) cleanup();
});

async function start(text: string, prefix: string[] = []): Promise<OurSupervisord> {
  const daemon = await startOurSupervisord({ conf: text, prefix });
  started.push(daemon);
  return daemon;
}

function readLimits(pid: number, label: string): string[] {
  const line = fs.readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((entry) => entry.startsWith(label))!;
  return line.slice(label.length).trim().split(/\s+/).slice(0, 2);
}

describe('supervisord startup', () => {
  test('old AUTO child logs are removed at start, unrelated files are kept; nocleanup keeps them', async () => {
    const stale = 'old-stdout---supervisor-abcd1234.log';
    for (const nocleanup of [false, true]) {
      const daemon = await start(conf('[program:p]\ncommand=/bin/sleep 1000\nstartsecs=0\n', nocleanup ? 'nocleanup=true' : ''));
      // Files created after the daemon read its config but before cleanup cannot be told apart,
      // so this test restarts it with SIGHUP, which cleans up again.
      await daemon.waitForLog('success: p entered RUNNING state');
      fs.writeFileSync(path.join(daemon.dir, stale), 'x');
      fs.writeFileSync(path.join(daemon.dir, 'unrelated.log'), 'y');
      const autoLogs = () => fs.readdirSync(daemon.dir).filter((name) => /^p-(stdout|stderr)---supervisor-\S+\.log$/.test(name));
      expect(autoLogs()).toHaveLength(2);
      process.kill(daemon.pid, 'SIGHUP');
      await daemon.waitForLog(/success: p entered RUNNING state[\s\S]*success: p entered RUNNING state/);
      expect(fs.existsSync(path.join(daemon.dir, stale))).toBe(nocleanup);
      expect(fs.existsSync(path.join(daemon.dir, 'unrelated.log'))).toBe(true);
      expect(autoLogs()).toHaveLength(nocleanup ? 4 : 2);
      await daemon.stop();
    }
  });

  test('minfds within the hard limit starts; above what may be raised it refuses to start', async () => {
    // Raising a hard limit needs CAP_SYS_RESOURCE: run without it, with a known hard limit.
    const limited = (hard: number) => ['prlimit', `--nofile=256:${hard}`, '--', 'setpriv', '--bounding-set=-sys_resource', '--'];
    const daemon = await start(conf('', 'minfds=4000\nminprocs=10'), limited(4096));
    await daemon.waitForLog('supervisord started with pid');
    expect(Number(readLimits(daemon.pid, 'Max open files')[0])).toBeGreaterThanOrEqual(4000);
    await daemon.stop();
    const hard = 4096;
    const refused = await start(conf('', `minfds=${hard + 10}`), limited(hard));
    expect(await refused.waitForExit()).toBe(2);
    expect(refused.output()).toContain(
      `Error: The minimum number of file descriptors required to run this process is ${hard + 10} as per the "minfds" command-line argument`,
    );
  });

  test('[fcgi-program:x] children share the listening unix socket as fd 0 and answer every connection', async () => {
    const daemon = await start(
      conf(
        `[fcgi-program:fcgi]\nsocket=unix://{{dir}}/fcgi.sock\ncommand=${process.execPath} ${PROGRAMS}/accept-on-stdin.js\nstartsecs=0\n` +
          'numprocs=2\nprocess_name=%(program_name)s_%(process_num)s\n',
      ),
    );
    await daemon.waitForLog('success: fcgi_1 entered RUNNING state');
    await daemon.waitForLog('success: fcgi_0 entered RUNNING state');
    const socketPath = path.join(daemon.dir, 'fcgi.sock');
    expect(fs.statSync(socketPath).isSocket()).toBe(true);
    expect(fs.statSync(socketPath).mode & 0o777).toBe(0o700);
    const inodeOf = (pid: number) => /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/0`))?.[1];
    const children = descendantsOf(daemon.pid);
    expect(children).toHaveLength(2);
    const inodes = children.map(inodeOf);
    expect(inodes[0]).toBeDefined();
    expect(inodes[1]).toBe(inodes[0]);
    // Every connection reaches a child: the daemon itself never accepts on the socket.
    const answers: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      answers.push(
        await new Promise<string>((resolve, reject) => {
          let text = '';
          const socket = net.connect(socketPath);
          socket.on('data', (chunk) => (text += chunk.toString()));
          socket.on('end', () => resolve(text));
          socket.on('error', reject);
        }),
      );
    }
    expect(answers.every((answer) => /^hi \d+$/.test(answer))).toBe(true);
    await daemon.stop();
    expect(fs.existsSync(socketPath)).toBe(false);
  });

  test('[supervisord] user=nobody drops the daemon privileges', async () => {
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'our-svd-nobody-'));
    fs.chmodSync(shared, 0o777);
    const daemon = await start(
      `[supervisord]\nlogfile=${shared}/supervisord.log\npidfile=${shared}/supervisord.pid\nchildlogdir=${shared}\nuser=nobody\n`,
    ).finally(() => undefined);
    afterCleanup.push(() => fs.rmSync(shared, { recursive: true, force: true }));
    await waitUntil('the started line', () => daemon.output().includes('supervisord started with pid'));
    const status = fs.readFileSync(`/proc/${daemon.pid}/status`, 'utf8');
    const uid = /^Uid:\s+(\d+)/m.exec(status)![1];
    expect(uid).not.toBe('0');
    expect(daemon.output()).toContain(`Set uid to user ${uid} succeeded`);
  });
});

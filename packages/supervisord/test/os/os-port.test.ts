/**
 * Both spawners behind `OsPort` (the native posix_spawn one and the child_process fallback) start
 * real children the same way: argv, environment, directory, umask, pipes, session, signals,
 * exit reports and exec failures.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadNativeAddon } from '../../src/os/native-addon';
import { NativeOs } from '../../src/os/native-os';
import { NodeOs } from '../../src/os/node-os';
import type { ChildExit, ChildHandle, OsPort, OutputPipe, SpawnRequest } from '../../src/os/ports';

const native = loadNativeAddon();

test('the native spawner is built on this machine', () => {
  expect(native.problem).toBeNull();
});

const spawners: Array<[string, () => OsPort]> = [
  ['native', () => new NativeOs(native.addon!)],
  ['child_process', () => new NodeOs()],
];

function request(script: string, overrides: Partial<SpawnRequest> = {}): SpawnRequest {
  return {
    file: '/bin/sh',
    argv0: 'sh',
    args: ['-c', script],
    env: { PATH: '/usr/bin:/bin' },
    cwd: null,
    umask: null,
    user: null,
    stdinFd: null,
    mergeStderr: true,
    ...overrides,
  };
}

function collect(pipe: OutputPipe | null): () => string {
  const chunks: Buffer[] = [];
  pipe?.onData((chunk) => chunks.push(Buffer.from(chunk)));
  return () => Buffer.concat(chunks).toString();
}

interface Finished {
  exit: ChildExit;
  stdout: string;
  stderr: string;
}

function started(os: OsPort, spawnRequest: SpawnRequest): ChildHandle {
  const outcome = os.spawn(spawnRequest);
  if (!outcome.ok) throw new Error(`spawn failed: ${outcome.code} ${outcome.message}`);
  return outcome.child;
}

function finish(child: ChildHandle, timeoutMs = 10000): Promise<Finished> {
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(child.pid, 'SIGKILL');
      reject(new Error(`child ${child.pid} did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    child.onExit((exit) => {
      clearTimeout(timer);
      resolve({ exit, stdout: stdout(), stderr: stderr() });
    });
  });
}

describe.each(spawners)('%s spawner', (_name, makeOs) => {
  let spawner: OsPort;
  let dir: string;
  beforeAll(() => {
    spawner = makeOs();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'os-port-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('passes argv0, arguments and exactly the given environment', async () => {
    const result = await finish(
      started(spawner, {
        ...request(''),
        file: '/bin/sh',
        argv0: 'my-shell',
        args: ['-c', 'tr "\\0" "|" </proc/$$/cmdline; echo "$GREETING"; env | sort', 'zero', 'first arg'],
        env: { GREETING: 'hi there', PATH: '/usr/bin:/bin' },
      }),
    );
    const [first, ...rest] = result.stdout.trim().split('\n');
    expect(first).toBe(`my-shell|-c|${'tr "\\0" "|" </proc/$$/cmdline; echo "$GREETING"; env | sort'}|zero|first arg|hi there`);
    expect(rest.filter((line) => !/^(PWD|SHLVL|_)=/.test(line))).toEqual(['GREETING=hi there', 'PATH=/usr/bin:/bin']);
    expect(result.exit).toEqual({ code: 0, signal: null });
  });

  test('redirect_stderr keeps the order of stdout and stderr writes in one stream', async () => {
    const result = await finish(started(spawner, request('echo one; echo two >&2; echo three; echo four >&2')));
    expect(result.stdout).toBe('one\ntwo\nthree\nfour\n');
    expect(result.stderr).toBe('');
  });

  test('without redirect_stderr, stderr has its own pipe', async () => {
    const result = await finish(started(spawner, request('echo out; echo err >&2', { mergeStderr: false })));
    expect(result.stdout).toBe('out\n');
    expect(result.stderr).toBe('err\n');
  });

  test('reports exit codes and the signal that ended a child', async () => {
    expect((await finish(started(spawner, request('exit 7')))).exit).toEqual({ code: 7, signal: null });
    const sleeper = started(spawner, request('exec sleep 100'));
    const ended = finish(sleeper);
    process.kill(sleeper.pid, 'SIGTERM');
    expect((await ended).exit).toEqual({ code: null, signal: 'SIGTERM' });
  });

  test('runs in its directory, under its umask, in a session of its own, with default signals', async () => {
    const result = await finish(
      started(
        spawner,
        request('pwd; umask; ps -o sid= -p $$; grep -E "^Sig(Blk|Ign)" /proc/self/status', { cwd: dir, umask: 0o027 }),
      ),
    );
    const child = result.stdout.trim().split('\n');
    expect(child[0]).toBe(fs.realpathSync(dir));
    expect(child[1]).toBe('0027');
    expect(Number(child[2])).toBeGreaterThan(0);
    expect(child.slice(3)).toEqual(['SigBlk:\t0000000000000000', 'SigIgn:\t0000000000000000']);
  });

  test('the session id is the child pid', async () => {
    const child = started(spawner, request('ps -o sid= -p $$'));
    const result = await finish(child);
    expect(Number(result.stdout.trim())).toBe(child.pid);
  });

  test('the stdin pipe reaches the child', async () => {
    const child = started(spawner, request('read line; echo "got $line"'));
    const done = finish(child);
    child.stdin!.write('hello\n');
    expect((await done).stdout).toBe('got hello\n');
  });

  test('a given stdin descriptor is the child stdin', async () => {
    const file = path.join(dir, 'input.txt');
    fs.writeFileSync(file, 'from a file\n');
    const fd = fs.openSync(file, 'r');
    try {
      const child = started(spawner, request('cat', { stdinFd: fd }));
      expect(child.stdin).toBeNull();
      expect((await finish(child)).stdout).toBe('from a file\n');
    } finally {
      fs.closeSync(fd);
    }
  });

  test('the daemon keeps no descriptor of a child open in the next child', async () => {
    // The kernel lets the spawner go on just before it closes the close-on-exec descriptors of
    // the new program: read the list until two readings agree.
    const openFiles = async (pid: number): Promise<string[]> => {
      let previous = '';
      for (let attempt = 0; attempt < 1000; attempt += 1) {
        try {
          const targets = fs.readdirSync(`/proc/${pid}/fd`).map((fd) => fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
          if (targets.join('\n') === previous) return targets;
          previous = targets.join('\n');
        } catch {
          previous = '';
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error(`the descriptors of ${pid} did not settle`);
    };
    // The spawn returns once the exec is done, so the descriptors are final when they are read.
    const sleeper = { ...request(''), file: '/bin/sleep', argv0: 'sleep', args: ['100'], mergeStderr: false };
    const first = started(spawner, sleeper);
    const second = started(spawner, sleeper);
    const exits = [finish(first), finish(second)];
    const firstPipes = [0, 1, 2].map((fd) => fs.readlinkSync(`/proc/${first.pid}/fd/${fd}`));
    expect(new Set(firstPipes).size).toBe(3);
    expect((await openFiles(second.pid)).filter((target) => firstPipes.includes(target))).toEqual([]);
    process.kill(first.pid, 'SIGKILL');
    process.kill(second.pid, 'SIGKILL');
    await Promise.all(exits);
  });

  test('a missing program is ENOENT and a non-executable file EACCES', () => {
    const missing = spawner.spawn({ ...request(''), file: path.join(dir, 'missing'), argv0: 'missing', args: [] });
    expect(missing.ok === false && missing.code).toBe('ENOENT');
    const plain = path.join(dir, 'plain');
    fs.writeFileSync(plain, 'echo hi\n', { mode: 0o644 });
    const refused = spawner.spawn({ ...request(''), file: plain, argv0: 'plain', args: [] });
    expect(refused.ok === false && refused.code).toBe('EACCES');
  });

  test('many children started back to back are all reaped', async () => {
    const children = Array.from({ length: 50 }, (_, index) => started(spawner, request(`exit ${index % 5}`)));
    const exits = await Promise.all(children.map((child) => finish(child)));
    expect(exits.map((result) => result.exit.code)).toEqual(children.map((_, index) => index % 5));
  });
});

test('a native child has descriptors 0, 1 and 2 only, even those the daemon inherited', async () => {
  // The test runner hands its workers descriptors without close-on-exec; the child gets none.
  const child = started(new NativeOs(native.addon!), {
    ...request(''),
    file: '/bin/sleep',
    argv0: 'sleep',
    args: ['100'],
  });
  const exit = finish(child);
  let descriptors: string[] = [];
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    descriptors = fs.readdirSync(`/proc/${child.pid}/fd`);
    if (descriptors.length === 3) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(descriptors.sort()).toEqual(['0', '1', '2']);
  process.kill(child.pid, 'SIGKILL');
  await exit;
});

test('children of child_process and of the native spawner end side by side, each seen by its owner', async () => {
  const nativeOs = new NativeOs(native.addon!);
  const nodeOs = new NodeOs();
  const children = [
    started(nativeOs, request('exit 3')),
    started(nodeOs, request('exit 4')),
    started(nativeOs, request('exit 5')),
    started(nodeOs, request('exit 6')),
  ];
  const exits = await Promise.all(children.map((child) => finish(child)));
  expect(exits.map((result) => result.exit.code)).toEqual([3, 4, 5, 6]);
});

describe('pipe size of the native spawner', () => {
  /** Writes `bytes` in one write(), waits for a line on stdin, then prints its stdout pipe's capacity. */
  const burstThenReport = (bytes: number) =>
    request(
      `exec python3 -c 'import fcntl, os, sys; os.write(1, b"x" * ${bytes}); sys.stdin.readline(); ` +
        `os.write(1, b"%d\\n" % fcntl.fcntl(1, fcntl.F_GETPIPE_SZ))'`,
    );

  async function capacityAfter(bytes: number): Promise<number> {
    const child = started(new NativeOs(native.addon!), burstThenReport(bytes));
    let received = 0;
    child.stdout!.onData((chunk) => {
      received += chunk.length;
    });
    const done = finish(child);
    for (let turn = 0; received < bytes; turn += 1) {
      if (turn > 100000) throw new Error(`only ${received} of ${bytes} bytes arrived`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The read that took the burst in has returned, and with it any growing of the pipe.
    child.stdin!.write('go\n');
    const result = await done;
    expect(result.exit).toEqual({ code: 0, signal: null });
    return Number(result.stdout.slice(bytes).trim());
  }

  test('a child that writes a burst gets a pipe as large as a read when the daemon is root', async () => {
    expect(await capacityAfter(40000)).toBe(process.geteuid!() === 0 ? 256 * 1024 : 64 * 1024);
  });

  test('a child that writes a little keeps the default pipe', async () => {
    expect(await capacityAfter(1000)).toBe(64 * 1024);
  });
});

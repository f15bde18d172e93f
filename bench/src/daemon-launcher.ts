/**
 * Starts one supervisord (ours or the real 4.2.5) on a generated config in a fresh temp dir,
 * in its own process group, and ends it together with everything it spawned.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { encodeMethodCall } from '@supervisor-ts/protocol';
import { renderConfig, socketPath, type ProgramSpec } from './config-writer';
import { isAlive } from './proc-stats';
import { killAll, killTree, markedPids, RUN_MARKER_VARIABLE } from './process-tree';
import { buildRequest, RawRpcConnection } from './raw-rpc-connection';
import { XmlRpcClient } from './rpc-client';
import { delay, waitFor } from './wait';

export type DaemonKind = 'ours' | 'real';

export const REAL_SUPERVISORD = '/usr/bin/supervisord';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const OUR_SUPERVISORD = path.join(REPO_ROOT, 'packages', 'supervisord', 'bin', 'supervisord.js');

/** The node flags on our executable's `#!/usr/bin/env -S node ...` line: what an installed daemon runs with. */
function shippedNodeFlags(): string[] {
  const firstLine = fs.readFileSync(OUR_SUPERVISORD, 'utf8').split('\n', 1)[0];
  const words = firstLine.replace(/^#!/, '').trim().split(/\s+/);
  const node = words.indexOf('node');
  return node === -1 ? [] : words.slice(node + 1);
}

function commandFor(kind: DaemonKind, confPath: string): { file: string; args: string[] } {
  return kind === 'ours'
    ? { file: process.execPath, args: [...shippedNodeFlags(), ...ourNodeFlags, OUR_SUPERVISORD, '-n', '-c', confPath] }
    : { file: REAL_SUPERVISORD, args: ['-n', '-c', confPath] };
}

/** Extra node flags for our daemon (e.g. --cpu-prof for profiling runs). */
let ourNodeFlags: string[] = [];
export function setOurNodeFlags(flags: string[]): void {
  ourNodeFlags = flags;
}

export function daemonAvailable(kind: DaemonKind): string | null {
  const file = kind === 'ours' ? OUR_SUPERVISORD : REAL_SUPERVISORD;
  if (!fs.existsSync(file)) return `${file} not found`;
  if (kind === 'ours' && !fs.existsSync(path.join(REPO_ROOT, 'packages', 'supervisord', 'dist', 'main.js'))) {
    return 'packages/supervisord is not built (run npx tsc -b)';
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<RunningDaemon>();
const leftovers: number[] = [];
let keepWorkDirs = false;
export function setKeepWorkDirs(keep: boolean): void {
  keepWorkDirs = keep;
}

export class RunningDaemon {
  readonly tcpUrl: string;
  readonly unixUrl: string;
  private exitInfo: string | null = null;
  private readonly exited: Promise<void>;
  private clients: XmlRpcClient[] = [];

  constructor(
    readonly kind: DaemonKind,
    readonly workDir: string,
    readonly tcpPort: number,
    private readonly child: ChildProcess,
    /** performance.now() just before the spawn. */
    readonly startedAt: number,
  ) {
    this.tcpUrl = `http://127.0.0.1:${tcpPort}`;
    this.unixUrl = `unix://${socketPath(workDir)}`;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = signal ? `killed by ${signal}` : `exited with status ${code}`;
        resolve();
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Why the daemon is gone, with the end of its output; undefined while it runs. */
  deathError(): Error | undefined {
    if (this.exitInfo === null) return undefined;
    return new Error(`${this.kind} supervisord ${this.exitInfo}: ${this.outputTail()}`);
  }

  outputTail(): string {
    for (const file of ['daemon-output.txt', 'supervisord.log']) {
      try {
        const text = fs.readFileSync(path.join(this.workDir, file), 'utf8').trim();
        if (text !== '') return text.split('\n').slice(-3).join(' | ').slice(-400);
      } catch {
        // Not written.
      }
    }
    return '(no output)';
  }

  /** A client on TCP (default) or the unix socket; closed when the daemon is stopped. */
  client(transport: 'tcp' | 'unix' = 'tcp'): XmlRpcClient {
    const client = new XmlRpcClient(transport === 'tcp' ? this.tcpUrl : this.unixUrl);
    this.clients.push(client);
    return client;
  }

  /**
   * Polls getState on fresh connections until one answers. Resolves with the ms from the spawn to
   * that answer, and how long the answering call waited once its connection had been accepted.
   */
  async waitForRpc(timeoutMs = 20000): Promise<{ firstAnswerMs: number; acceptedWaitMs: number }> {
    const payload = buildRequest(encodeMethodCall('supervisor.getState', []));
    return waitFor(
      `${this.kind} supervisord to answer XML-RPC`,
      async () => {
        let connection: RawRpcConnection;
        try {
          connection = await RawRpcConnection.connect({ kind: 'tcp', host: '127.0.0.1', port: this.tcpPort });
        } catch {
          return undefined;
        }
        const accepted = performance.now();
        // A daemon that accepts but never answers ends the wait with an error, not a hang.
        const watchdog = setTimeout(() => connection.close(), timeoutMs);
        try {
          const response = await connection.request(payload);
          if (response.status !== 200) return undefined;
          const answered = performance.now();
          return { firstAnswerMs: answered - this.startedAt, acceptedWaitMs: answered - accepted };
        } catch {
          if (performance.now() - accepted >= timeoutMs) throw new Error(`${this.kind} supervisord accepted a connection but did not answer getState`);
          return undefined;
        } finally {
          clearTimeout(watchdog);
          connection.close();
        }
      },
      { timeoutMs, intervalMs: 5, abort: () => this.deathError() },
    );
  }

  /** Kills the daemon's process group and every process it spawned, then removes the temp dir. */
  async stop(): Promise<void> {
    for (const client of this.clients) client.close();
    this.clients = [];
    if (this.exitInfo === null && this.kind === 'ours' && ourNodeFlags.length > 0) {
      // A profiling run: let node write its profile on a clean exit first.
      process.kill(this.pid, 'SIGTERM');
      await Promise.race([this.exited, delay(20000)]);
    }
    // Only while it runs: once reaped, its pid may belong to someone else.
    const killed = this.exitInfo === null ? killTree(this.pid) : [];
    await Promise.race([this.exited, delay(5000)]);
    // Children that outlived a daemon which died on its own, found by the marker they inherited.
    const orphans = markedPids(this.workDir);
    killAll(orphans);
    killed.push(...orphans);
    await waitFor('killed processes to end', () => (killed.some(isAlive) ? undefined : true), { timeoutMs: 5000 }).catch(() => {
      leftovers.push(...killed.filter(isAlive));
    });
    running.delete(this);
    if (!keepWorkDirs) fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}

export interface LaunchOptions {
  /** The programs, or a function of the temp dir (called before the config is written) when they use files in it. */
  programs: ProgramSpec[] | ((workDir: string) => ProgramSpec[]);
}

export async function launchDaemon(kind: DaemonKind, options: LaunchOptions): Promise<RunningDaemon> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `sv-bench-${kind}-`));
  const tcpPort = await freePort();
  const confPath = path.join(workDir, 'supervisord.conf');
  const programs = typeof options.programs === 'function' ? options.programs(workDir) : options.programs;
  fs.writeFileSync(confPath, renderConfig({ workDir, tcpPort, programs }));
  const output = fs.openSync(path.join(workDir, 'daemon-output.txt'), 'w');
  const { file, args } = commandFor(kind, confPath);
  const startedAt = performance.now();
  const child = spawn(file, args, {
    cwd: workDir,
    detached: true,
    stdio: ['ignore', output, output],
    env: { ...process.env, [RUN_MARKER_VARIABLE]: workDir },
  });
  fs.closeSync(output);
  const daemon = new RunningDaemon(kind, workDir, tcpPort, child, startedAt);
  running.add(daemon);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  }).catch(async (error: Error) => {
    await daemon.stop();
    throw error;
  });
  return daemon;
}

/** For SIGINT and the final cleanup: ends every daemon still running. */
export async function stopAllDaemons(): Promise<void> {
  await Promise.all([...running].map((daemon) => daemon.stop()));
}

/** Processes this bench started (daemons and what they spawned) that are still alive. */
export function leftoverPids(): number[] {
  return [...new Set(leftovers)].filter(isAlive);
}

/** Launches a daemon, runs `body` with it and always ends it afterwards. */
export async function withDaemon<T>(
  kind: DaemonKind,
  options: LaunchOptions,
  body: (daemon: RunningDaemon) => Promise<T>,
): Promise<T> {
  const daemon = await launchDaemon(kind, options);
  try {
    return await body(daemon);
  } finally {
    await daemon.stop();
  }
}

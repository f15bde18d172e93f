/**
 * Starts the real Supervisor 4.2.5 (`/usr/bin/supervisord`) for interoperability tests.
 * A missing binary is an error (the test fails; it is never skipped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export const REAL_SUPERVISORD = '/usr/bin/supervisord';

export interface RealSupervisordOptions {
  /** INI text appended to the config: `[program:x]` sections etc. */
  programs: string;
  /** Also serve `[inet_http_server]` on 127.0.0.1 and a free port. */
  inet?: boolean;
  /** Credentials for both servers. */
  auth?: { username: string; password: string };
  /** Extra keys for the `[supervisord]` section, as INI lines. */
  supervisordExtra?: string;
  /** Milliseconds to wait for the server to answer (default 15000). */
  startTimeoutMs?: number;
}

export interface RealSupervisord {
  dir: string;
  /** The unix URL (always served). */
  serverUrl: string;
  unixUrl: string;
  /** `http://127.0.0.1:PORT` when `inet` was asked for, else null. */
  inetUrl: string | null;
  socketPath: string;
  configPath: string;
  logPath: string;
  pid: number;
  /** Stops supervisord by pid (TERM, then KILL after a deadline) and removes the temp dir. */
  stop(): Promise<void>;
}


/** POSTs supervisor.getState over the unix socket; resolves true when the answer says RUNNING. */
function answersRunning(socketPath: string, auth: RealSupervisordOptions['auth']): Promise<boolean> {
  const body = "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getState</methodName>\n<params>\n</params>\n</methodCall>\n";
  const headers: Record<string, string> = { 'Content-Type': 'text/xml', 'Content-Length': String(Buffer.byteLength(body)) };
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return new Promise((resolve) => {
    const request = http.request({ socketPath, path: '/RPC2', method: 'POST', headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(response.statusCode === 200 && text.includes('RUNNING')));
      response.on('error', () => resolve(false));
    });
    request.on('error', () => resolve(false));
    request.end(body);
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts supervisord on a fresh temp dir and waits until it answers. A free TCP port can be taken
 * by someone else between choosing and binding it; that case is retried with another port.
 */
export async function startRealSupervisord(options: RealSupervisordOptions): Promise<RealSupervisord> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (error) {
      const portTaken = error instanceof Error && error.message.includes('Another program is already listening');
      if (!options.inet || !portTaken || attempt >= 3) throw error;
    }
  }
}

async function startOnce(options: RealSupervisordOptions): Promise<RealSupervisord> {
  if (!fs.existsSync(REAL_SUPERVISORD)) {
    throw new Error(`${REAL_SUPERVISORD} is not installed; the interoperability tests need Supervisor 4.2.5`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-svd-'));
  const socketPath = path.join(dir, 'supervisor.sock');
  const configPath = path.join(dir, 'supervisord.conf');
  const logPath = path.join(dir, 'supervisord.log');
  const authLines = options.auth ? `username=${options.auth.username}\npassword=${options.auth.password}\n` : '';
  const port = options.inet ? await freePort() : null;
  const config =
    `[supervisord]\nlogfile=${logPath}\npidfile=${path.join(dir, 'supervisord.pid')}\nchildlogdir=${dir}\n` +
    `nodaemon=true\nloglevel=info\n${options.supervisordExtra ?? ''}\n` +
    `[unix_http_server]\nfile=${socketPath}\n${authLines}\n` +
    (port !== null ? `[inet_http_server]\nport=127.0.0.1:${port}\n${authLines}\n` : '') +
    `[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n` +
    `[supervisorctl]\nserverurl=unix://${socketPath}\n${authLines}\n` +
    `${options.programs}\n`;
  fs.writeFileSync(configPath, config);

  const child = spawn(REAL_SUPERVISORD, ['-n', '-c', configPath], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${REAL_SUPERVISORD}`);

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitForExit(child, 10000))) {
        process.kill(pid, 'SIGKILL');
        await waitForExit(child, 5000);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 15000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`real supervisord exited with ${child.exitCode}: ${output}`);
    }
    if (await answersRunning(socketPath, options.auth)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`real supervisord did not answer within the deadline: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const unixUrl = `unix://${socketPath}`;
  return {
    dir,
    serverUrl: unixUrl,
    unixUrl,
    inetUrl: port !== null ? `http://127.0.0.1:${port}` : null,
    socketPath,
    configPath,
    logPath,
    pid,
    stop,
  };
}

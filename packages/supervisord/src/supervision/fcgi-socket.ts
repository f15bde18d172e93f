/**
 * The listening socket of an `[fcgi-program:x]` group, handed to each child as its stdin.
 *
 * The daemon must hold the socket without accepting on it: a Node server would poll it and race
 * the children for connections. So a short-lived helper process binds and listens, then sends
 * the raw handle over its IPC channel; a raw handle received that way is never polled here.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { FcgiSocketConfig } from '../config/types';

/** Runs in the helper: listen as asked, send the handle, exit. */
const LISTEN_AND_SEND = `
const net = require('node:net');
const server = net.createServer();
server.on('error', (error) => process.send({ error: error.message }, () => process.exit(1)));
server.listen(JSON.parse(process.argv[1]), () => {
  process.send({ ok: true }, server._handle, () => process.exit(0));
});
`;

interface RawHandle {
  readonly fd: number;
  close(): void;
}

export class FcgiSocket {
  private handle: RawHandle | null = null;

  constructor(readonly config: FcgiSocketConfig) {}

  /** Binds and listens; rejects with upstream's wording when it cannot. */
  async open(): Promise<void> {
    const config = this.config;
    const failure = (reason: string) => new Error(`Could not create FastCGI socket ${config.url}: ${reason}`);
    const backlog = config.backlog ?? undefined;
    const options =
      config.family === 'unix' ? { path: config.path, backlog } : { host: config.host, port: config.port, backlog };
    if (config.family === 'unix') fs.rmSync(config.path, { force: true });
    this.handle = await new Promise<RawHandle>((resolve, reject) => {
      const helper = spawn(process.execPath, ['-e', LISTEN_AND_SEND, JSON.stringify(options)], {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      helper.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      helper.once('message', (message: { ok?: boolean; error?: string }, handle: unknown) => {
        if (message.ok && handle) resolve(handle as RawHandle);
        else reject(failure(message.error ?? 'no socket received'));
      });
      helper.once('error', (error) => reject(failure(error.message)));
      helper.once('exit', (code) => reject(failure(stderr.trim() || `helper exited with ${code}`)));
    });
    if (config.family === 'unix') {
      fs.chmodSync(config.path, config.mode ?? 0o700);
      if (config.owner) fs.chownSync(config.path, config.owner[0], config.owner[1]);
    }
  }

  /** The listening socket's fd, or null before `open` or after `close`. */
  get fd(): number | null {
    return this.handle?.fd ?? null;
  }

  close(): void {
    this.handle?.close();
    this.handle = null;
    if (this.config.family === 'unix') fs.rmSync(this.config.path, { force: true });
  }
}

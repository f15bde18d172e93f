/** Claiming the path of a unix-domain HTTP socket: refuse a live owner, remove a stale file. */
import fs from 'node:fs';
import net from 'node:net';

/** True when something accepts connections on the socket at `path`. */
export function socketIsLive(path: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(path);
    const done = (live: boolean) => {
      socket.destroy();
      resolve(live);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export type SocketPathState = 'free' | 'stale-removed' | 'in-use';

/** Prepares `path` for listening: removes a stale socket file, reports a live one. */
export async function claimSocketPath(path: string): Promise<SocketPathState> {
  if (!fs.existsSync(path)) return 'free';
  if (await socketIsLive(path)) return 'in-use';
  fs.unlinkSync(path);
  return 'stale-removed';
}

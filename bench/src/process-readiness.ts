/** Waiting until a daemon's programs are up, through XML-RPC or by looking at /proc only. */
import type { RunningDaemon } from './daemon-launcher';
import { childPids } from './process-tree';
import { allProcessInfo } from './rpc-client';
import { waitFor } from './wait';

/** Polls getAllProcessInfo until `count` processes are RUNNING. */
export async function waitAllRunning(daemon: RunningDaemon, count: number, timeoutMs = 60000): Promise<void> {
  const client = daemon.client();
  await waitFor(
    `${count} processes RUNNING in ${daemon.kind} supervisord`,
    async () => {
      const infos = await allProcessInfo(client);
      return infos.length === count && infos.every((info) => info.statename === 'RUNNING') ? true : undefined;
    },
    { timeoutMs, intervalMs: 50, abort: () => daemon.deathError() },
  );
}

/** Waits, without talking to the daemon, until it has `count` live child processes. */
export async function waitChildCount(daemon: RunningDaemon, count: number, timeoutMs = 60000): Promise<void> {
  await waitFor(
    `${count} children of ${daemon.kind} supervisord`,
    () => (childPids(daemon.pid).length >= count ? true : undefined),
    { timeoutMs, intervalMs: 20, abort: () => daemon.deathError() },
  );
}

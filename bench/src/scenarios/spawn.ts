/**
 * Cold start: time from launching supervisord with N programs until the first XML-RPC answer
 * and until all N are RUNNING, and the longest wait for an XML-RPC answer meanwhile.
 */
import { sleepingPrograms } from '../config-writer';
import { launchDaemon } from '../daemon-launcher';
import { allProcessInfo } from '../rpc-client';
import type { MetricSpec, Scenario, ScenarioContext } from '../scenario';
import { delay } from '../wait';

const VARIANTS = [
  { count: 100, startsecs: 0 },
  { count: 100, startsecs: 1 },
  { count: 500, startsecs: 0 },
  { count: 500, startsecs: 1 },
];

function keyOf(count: number, startsecs: number, what: string): string {
  return `spawn.${count}.startsecs${startsecs}.${what}`;
}

const metrics: MetricSpec[] = VARIANTS.flatMap(({ count, startsecs }) => [
  { key: keyOf(count, startsecs, 'firstRpc'), label: `spawn ${count} (startsecs=${startsecs}): first RPC answer`, unit: 'ms', better: 'lower' as const },
  { key: keyOf(count, startsecs, 'allRunning'), label: `spawn ${count} (startsecs=${startsecs}): all RUNNING`, unit: 's', better: 'lower' as const },
  { key: keyOf(count, startsecs, 'rpcMaxWait'), label: `spawn ${count} (startsecs=${startsecs}): longest RPC wait`, unit: 'ms', better: 'lower' as const },
]);

const POLL_GAP_MS = 50;

async function oneStart(context: ScenarioContext, count: number, startsecs: number): Promise<void> {
  const daemon = await launchDaemon(context.kind, { programs: sleepingPrograms(count, startsecs) });
  try {
    const { firstAnswerMs, acceptedWaitMs } = await daemon.waitForRpc();
    context.record(keyOf(count, startsecs, 'firstRpc'), firstAnswerMs);
    const client = daemon.client();
    // A call the daemon accepted but left unanswered counts as waiting, from the first probe on.
    let longestWait = acceptedWaitMs;
    const deadline = performance.now() + 90000;
    for (;;) {
      const sent = performance.now();
      const infos = await allProcessInfo(client);
      const now = performance.now();
      longestWait = Math.max(longestWait, now - sent);
      if (infos.length === count && infos.every((info) => info.statename === 'RUNNING')) {
        context.record(keyOf(count, startsecs, 'allRunning'), (now - daemon.startedAt) / 1000);
        context.record(keyOf(count, startsecs, 'rpcMaxWait'), longestWait);
        return;
      }
      if (now > deadline) throw new Error(`${count} programs not all RUNNING after 90 s`);
      const died = daemon.deathError();
      if (died) throw died;
      await delay(POLL_GAP_MS);
    }
  } finally {
    await daemon.stop();
  }
}

export const spawnScenario: Scenario = {
  id: 'spawn',
  title: 'spawn 100/500 programs to RUNNING',
  metrics,
  timeoutMs: 240000,
  async run(context) {
    const samples = context.quick ? 1 : 3;
    for (const { count, startsecs } of VARIANTS) {
      for (let sample = 0; sample < samples; sample++) {
        context.log(`spawn ${count} startsecs=${startsecs} #${sample + 1}`);
        await oneStart(context, count, startsecs);
      }
    }
  },
};

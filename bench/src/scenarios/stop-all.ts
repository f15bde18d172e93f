/** stopAllProcesses (wait=true) with 100 RUNNING programs: time until the call returns. */
import { sleepingPrograms } from '../config-writer';
import { withDaemon } from '../daemon-launcher';
import { waitAllRunning } from '../process-readiness';
import { allProcessInfo } from '../rpc-client';
import type { Scenario } from '../scenario';

const PROGRAMS = 100;

export const stopAllScenario: Scenario = {
  id: 'stopall',
  title: 'stopAllProcesses with 100 programs',
  metrics: [{ key: 'stopall.seconds', label: `stopAllProcesses (${PROGRAMS} programs)`, unit: 's', better: 'lower' }],
  timeoutMs: 180000,
  async run(context) {
    const samples = context.quick ? 3 : 7;
    await withDaemon(context.kind, { programs: sleepingPrograms(PROGRAMS, 0) }, async (daemon) => {
      await daemon.waitForRpc();
      const client = daemon.client();
      for (let sample = 0; sample < samples; sample++) {
        await waitAllRunning(daemon, PROGRAMS);
        const started = performance.now();
        const results = await client.call('supervisor.stopAllProcesses');
        const seconds = (performance.now() - started) / 1000;
        if (!Array.isArray(results) || results.length !== PROGRAMS) throw new Error('stopAllProcesses did not report every process');
        const notStopped = (await allProcessInfo(client)).filter((info) => info.statename !== 'STOPPED');
        if (notStopped.length > 0) throw new Error(`${notStopped.length} processes not STOPPED after stopAllProcesses`);
        context.record('stopall.seconds', seconds);
        await client.call('supervisor.startAllProcesses');
      }
    });
  },
};

/**
 * getAllProcessInfo and getProcessInfo with 100 programs, over TCP and the unix socket, from 1
 * and 8 concurrent keep-alive connections: calls/s, p50, p99 and daemon CPU per call.
 */
import { sleepingPrograms, socketPath } from '../config-writer';
import { withDaemon } from '../daemon-launcher';
import { waitAllRunning } from '../process-readiness';
import { allProcessInfo } from '../rpc-client';
import type { Endpoint } from '../raw-rpc-connection';
import { runLoad } from '../rpc-load';
import type { MetricSpec, Scenario } from '../scenario';

const PROGRAMS = 100;
const TARGET = 'p050';
const METHODS = [
  { method: 'supervisor.getAllProcessInfo', short: 'getAllProcessInfo', params: [] as string[] },
  { method: 'supervisor.getProcessInfo', short: 'getProcessInfo', params: [TARGET] },
];
const TRANSPORTS = ['tcp', 'unix'] as const;
const CLIENT_COUNTS = [1, 8];

function keyOf(short: string, transport: string, clients: number, what: string): string {
  return `rpc.${short}.${transport}.c${clients}.${what}`;
}

const metrics: MetricSpec[] = METHODS.flatMap(({ short }) =>
  TRANSPORTS.flatMap((transport) =>
    CLIENT_COUNTS.flatMap((clients) => {
      const label = `${short} ${transport} ${clients} client${clients > 1 ? 's' : ''}`;
      return [
        { key: keyOf(short, transport, clients, 'callsPerSecond'), label: `${label}: calls/s`, unit: 'calls/s', better: 'higher' as const },
        { key: keyOf(short, transport, clients, 'p50'), label: `${label}: p50`, unit: 'ms', better: 'lower' as const },
        { key: keyOf(short, transport, clients, 'p99'), label: `${label}: p99`, unit: 'ms', better: 'lower' as const },
        { key: keyOf(short, transport, clients, 'cpuPerCall'), label: `${label}: daemon CPU/call`, unit: 'µs', better: 'lower' as const },
      ];
    }),
  ),
);

export const rpcThroughputScenario: Scenario = {
  id: 'rpc',
  title: 'getAllProcessInfo / getProcessInfo throughput (100 programs)',
  metrics,
  timeoutMs: 180000,
  async run(context) {
    const windows = context.quick ? 2 : 3;
    const windowMs = context.quick ? 700 : 1500;
    await withDaemon(context.kind, { programs: sleepingPrograms(PROGRAMS, 0) }, async (daemon) => {
      await daemon.waitForRpc();
      await waitAllRunning(daemon, PROGRAMS);
      // Correctness first: a fast wrong answer must not count.
      const infos = await allProcessInfo(daemon.client('unix'));
      if (infos.length !== PROGRAMS) throw new Error(`getAllProcessInfo returned ${infos.length} entries`);
      const one = (await daemon.client().call('supervisor.getProcessInfo', TARGET)) as Record<string, unknown>;
      if (one.name !== TARGET) throw new Error(`getProcessInfo(${TARGET}) returned name ${String(one.name)}`);

      for (const { method, short, params } of METHODS) {
        for (const transport of TRANSPORTS) {
          const endpoint: Endpoint =
            transport === 'tcp' ? { kind: 'tcp', host: '127.0.0.1', port: daemon.tcpPort } : { kind: 'unix', path: socketPath(daemon.workDir) };
          for (const clients of CLIENT_COUNTS) {
            context.log(`${short} ${transport} x${clients}`);
            for (let window = 0; window < windows; window++) {
              const result = await runLoad({ endpoint, daemonPid: daemon.pid, method, params, clients, durationMs: windowMs });
              context.record(keyOf(short, transport, clients, 'callsPerSecond'), result.callsPerSecond);
              context.record(keyOf(short, transport, clients, 'p50'), result.p50Ms);
              context.record(keyOf(short, transport, clients, 'p99'), result.p99Ms);
              context.record(keyOf(short, transport, clients, 'cpuPerCall'), result.cpuPerCallUs);
            }
          }
        }
      }
    });
  },
};

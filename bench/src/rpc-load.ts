/** Drives one XML-RPC call back to back from N concurrent connections for a fixed time. */
import { encodeMethodCall, type XmlRpcValue } from '@supervisor-ts/protocol';
import { cpuSeconds } from './proc-stats';
import { buildRequest, RawRpcConnection, type Endpoint } from './raw-rpc-connection';
import { percentile } from './stats';

export interface LoadResult {
  calls: number;
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Daemon CPU time per call in microseconds. */
  cpuPerCallUs: number;
}

/**
 * A fault answer is `<methodResponse>` then `<fault>`, right at the start of the body; looking
 * there only keeps the client from scanning every 100 KiB answer (its CPU would limit the rate).
 */
const FAULT_MARK = Buffer.from('<fault>');
const FAULT_SEARCH_BYTES = 256;

function isFault(body: Buffer): boolean {
  return body.subarray(0, FAULT_SEARCH_BYTES).includes(FAULT_MARK);
}

export async function runLoad(options: {
  endpoint: Endpoint;
  daemonPid: number;
  method: string;
  params: XmlRpcValue[];
  clients: number;
  durationMs: number;
}): Promise<LoadResult> {
  const payload = buildRequest(encodeMethodCall(options.method, options.params));
  const connections = await Promise.all(
    Array.from({ length: options.clients }, () => RawRpcConnection.connect(options.endpoint)),
  );
  try {
    // One warm-up call per connection, not counted.
    await Promise.all(connections.map((connection) => connection.request(payload)));
    const latencies: number[] = [];
    const cpuBefore = cpuSeconds(options.daemonPid);
    const started = performance.now();
    const deadline = started + options.durationMs;
    await Promise.all(
      connections.map(async (connection) => {
        while (performance.now() < deadline) {
          const sent = performance.now();
          const response = await connection.request(payload);
          latencies.push(performance.now() - sent);
          if (response.status !== 200) throw new Error(`${options.method}: HTTP ${response.status}`);
          if (isFault(response.body)) {
            throw new Error(`${options.method}: fault ${response.body.toString('utf8').slice(0, 300)}`);
          }
        }
      }),
    );
    const elapsedSeconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(options.daemonPid) - cpuBefore;
    return {
      calls: latencies.length,
      callsPerSecond: latencies.length / elapsedSeconds,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      cpuPerCallUs: (cpu / latencies.length) * 1e6,
    };
  } finally {
    for (const connection of connections) connection.close();
  }
}

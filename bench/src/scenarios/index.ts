import type { Scenario } from '../scenario';
import { idleScenario } from './idle';
import { logThroughputScenario } from './log-throughput';
import { manyLinesScenario } from './many-lines';
import { restartLatencyScenario } from './restart-latency';
import { rpcThroughputScenario } from './rpc-throughput';
import { spawnScenario } from './spawn';
import { stopAllScenario } from './stop-all';

/** In the order they run. */
export const SCENARIOS: Scenario[] = [
  spawnScenario,
  rpcThroughputScenario,
  restartLatencyScenario,
  logThroughputScenario,
  manyLinesScenario,
  idleScenario,
  stopAllScenario,
];

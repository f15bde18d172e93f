/** What a scenario declares and what it gets while it runs against one daemon. */
import type { DaemonKind } from './daemon-launcher';

export interface MetricSpec {
  key: string;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
}

export interface ScenarioContext {
  kind: DaemonKind;
  quick: boolean;
  /** Adds one sample of a metric (kept even if the scenario fails later). */
  record(key: string, value: number): void;
  log(message: string): void;
}

export interface Scenario {
  id: string;
  title: string;
  metrics: MetricSpec[];
  /** Upper bound for one run against one daemon, in ms. */
  timeoutMs: number;
  /**
   * Runs `run` this many times per daemon, the daemons taking turns (and swapping who goes first
   * each round), instead of once per daemon. For scenarios whose samples drift with the machine's
   * state (page cache, writeback, file system): alternating gives both daemons the same drift.
   */
  rounds?: (quick: boolean) => number;
  run(context: ScenarioContext): Promise<void>;
}

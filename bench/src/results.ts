/** Samples and errors collected per daemon and metric during a run. */
import type { DaemonKind } from './daemon-launcher';
import type { MetricSpec } from './scenario';
import { summarize, type Summary } from './stats';

export interface MetricOutcome {
  samples: number[];
  error?: string;
}

export class Results {
  readonly metrics: MetricSpec[] = [];
  private readonly outcomes = new Map<string, MetricOutcome>();

  declare(metrics: MetricSpec[]): void {
    this.metrics.push(...metrics);
  }

  private outcome(kind: DaemonKind, key: string): MetricOutcome {
    const id = `${kind}:${key}`;
    let outcome = this.outcomes.get(id);
    if (!outcome) {
      outcome = { samples: [] };
      this.outcomes.set(id, outcome);
    }
    return outcome;
  }

  record(kind: DaemonKind, key: string, value: number): void {
    this.outcome(kind, key).samples.push(value);
  }

  /** Marks every metric of a failed scenario as failed for this daemon (samples so far are kept). */
  fail(kind: DaemonKind, metrics: MetricSpec[], message: string): void {
    for (const metric of metrics) this.outcome(kind, metric.key).error = message;
  }

  get(kind: DaemonKind, key: string): MetricOutcome | undefined {
    return this.outcomes.get(`${kind}:${key}`);
  }

  summary(kind: DaemonKind, key: string): Summary | undefined {
    const outcome = this.get(kind, key);
    return outcome && outcome.samples.length > 0 ? summarize(outcome.samples) : undefined;
  }
}

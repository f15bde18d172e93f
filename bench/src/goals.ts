/** The targets for ours against 4.2.5, each checked within one run. */

export type GoalCheck =
  /** ours/real at least `value` (a "higher is better" metric). */
  | { kind: 'ratio-at-least'; value: number }
  /** ours/real at most `value` (a "lower is better" metric). */
  | { kind: 'ratio-at-most'; value: number }
  /** ours at most `value` in the metric's unit, whatever the real one does. */
  | { kind: 'ours-at-most'; value: number };

export interface Goal {
  /** Exact metric key, or a prefix ending in `*`. */
  metric: string;
  check: GoalCheck;
}

export const GOALS: Goal[] = [
  { metric: 'rpc.getAllProcessInfo.*.callsPerSecond', check: { kind: 'ratio-at-least', value: 25 } },
  { metric: 'rpc.getProcessInfo.*.callsPerSecond', check: { kind: 'ratio-at-least', value: 2 } },
  { metric: 'restart.latency', check: { kind: 'ratio-at-most', value: 1 / 20 } },
  { metric: 'spawn.500.startsecs0.allRunning', check: { kind: 'ratio-at-most', value: 0.5 } },
  // "RPC answering throughout" the start of 500 programs, read as: no call waits longer than this.
  { metric: 'spawn.500.startsecs0.rpcMaxWait', check: { kind: 'ours-at-most', value: 250 } },
  { metric: 'stopall.seconds', check: { kind: 'ratio-at-most', value: 1 / 10 } },
  { metric: 'log.plain.throughput', check: { kind: 'ratio-at-least', value: 1 } },
  { metric: 'log.rotated.throughput', check: { kind: 'ratio-at-least', value: 1 } },
  { metric: 'lines.cpu', check: { kind: 'ratio-at-most', value: 0.7 } },
  { metric: 'idle.0.cpu', check: { kind: 'ratio-at-most', value: 1 } },
  { metric: 'idle.500.cpu', check: { kind: 'ratio-at-most', value: 1 } },
  { metric: 'idle.500.rss', check: { kind: 'ratio-at-most', value: 1.25 } },
];

function matches(pattern: string, key: string): boolean {
  return pattern.includes('*') ? new RegExp(`^${pattern.split('*').map(escape).join('[^]*')}$`).test(key) : pattern === key;
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export function goalFor(key: string): GoalCheck | undefined {
  return GOALS.find((goal) => matches(goal.metric, key))?.check;
}

export function describeGoal(check: GoalCheck, unit: string): string {
  const fraction = (value: number) => (value < 1 && value > 0 && Number.isInteger(1 / value) ? `1/${1 / value}` : String(value));
  switch (check.kind) {
    case 'ratio-at-least':
      return `>= ${fraction(check.value)}x`;
    case 'ratio-at-most':
      return `<= ${fraction(check.value)}x`;
    case 'ours-at-most':
      return `<= ${check.value} ${unit}`;
  }
}

export type Verdict = 'PASS' | 'MISS' | 'n/a';

/** Judges the medians; both zero counts as equal (e.g. no CPU tick at all while idle). */
export function judge(check: GoalCheck, ours: number | undefined, real: number | undefined): Verdict {
  if (ours === undefined || !Number.isFinite(ours)) return 'n/a';
  if (check.kind === 'ours-at-most') return ours <= check.value ? 'PASS' : 'MISS';
  if (real === undefined || !Number.isFinite(real)) return 'n/a';
  if (check.kind === 'ratio-at-least') return ours >= real * check.value ? 'PASS' : 'MISS';
  return ours <= real * check.value ? 'PASS' : 'MISS';
}

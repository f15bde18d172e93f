/** Renders the results as an aligned text table or a Markdown table, with a PASS/MISS column per goal. */
import { describeGoal, goalFor, judge } from './goals';
import type { Results } from './results';
import type { Summary } from './stats';

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function cell(summary: Summary | undefined, error: string | undefined): string {
  if (!summary) return error ? `error (see below)` : '-';
  const range = summary.count > 1 ? ` (${formatNumber(summary.min)}-${formatNumber(summary.max)})` : '';
  return `${formatNumber(summary.median)}${range}${error ? ' *' : ''}`;
}

function ratioCell(ours: Summary | undefined, real: Summary | undefined): string {
  if (!ours || !real) return '-';
  if (real.median === 0) return ours.median === 0 ? '1 (0/0)' : 'inf';
  const ratio = ours.median / real.median;
  return ratio >= 10 ? `${ratio.toFixed(1)}x` : `${ratio.toFixed(3)}x`;
}

export interface Row {
  metric: string;
  unit: string;
  ours: string;
  real: string;
  ratio: string;
  goal: string;
  result: string;
}

export function buildRows(results: Results): Row[] {
  return results.metrics.map((metric) => {
    const ours = results.summary('ours', metric.key);
    const real = results.summary('real', metric.key);
    const check = goalFor(metric.key);
    return {
      metric: metric.label,
      unit: metric.unit,
      ours: cell(ours, results.get('ours', metric.key)?.error),
      real: cell(real, results.get('real', metric.key)?.error),
      ratio: ratioCell(ours, real),
      goal: check ? describeGoal(check, metric.unit) : '',
      result: check ? judge(check, ours?.median, real?.median) : '',
    };
  });
}

const HEADERS: Row = { metric: 'metric', unit: 'unit', ours: 'ours median (min-max)', real: '4.2.5 median (min-max)', ratio: 'ours/4.2.5', goal: 'goal', result: 'result' };
const COLUMNS: (keyof Row)[] = ['metric', 'unit', 'ours', 'real', 'ratio', 'goal', 'result'];

export function renderText(rows: Row[]): string {
  const widths = COLUMNS.map((column) => Math.max(HEADERS[column].length, ...rows.map((row) => row[column].length)));
  const line = (row: Row) => COLUMNS.map((column, index) => row[column].padEnd(widths[index]!)).join('  ').trimEnd();
  return [line(HEADERS), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function renderMarkdown(rows: Row[]): string {
  const line = (row: Row) => `| ${COLUMNS.map((column) => row[column].replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(HEADERS), `|${COLUMNS.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** The errors behind "error" cells, one line per daemon and scenario. */
export function renderErrors(results: Results): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const metric of results.metrics) {
    for (const kind of ['ours', 'real'] as const) {
      const error = results.get(kind, metric.key)?.error;
      if (!error) continue;
      const line = `${kind}: ${error}`;
      if (!seen.has(line)) {
        seen.add(line);
        lines.push(line);
      }
    }
  }
  return lines;
}

/**
 * `npm run bench`: runs each scenario against the real supervisord 4.2.5 and against ours, one
 * daemon at a time (taking turns round by round where a scenario asks for it), prints medians
 * with min-max and the ratio ours/real with a PASS/MISS column per goal, and writes the samples
 * as JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOptions, USAGE, type BenchOptions } from './cli-options';
import {
  daemonAvailable,
  leftoverPids,
  setKeepWorkDirs,
  setOurNodeFlags,
  stopAllDaemons,
  type DaemonKind,
} from './daemon-launcher';
import { describeMachine, machineInfo } from './machine-info';
import { Results } from './results';
import type { Scenario } from './scenario';
import { SCENARIOS } from './scenarios';
import { buildRows, renderErrors, renderMarkdown, renderText } from './table-printer';

function selectScenarios(options: BenchOptions): Scenario[] {
  const known = new Set(SCENARIOS.map((scenario) => scenario.id));
  for (const id of [...(options.only ?? []), ...options.skip]) {
    if (!known.has(id)) throw new Error(`unknown scenario ${id} (known: ${[...known].join(', ')})`);
  }
  return SCENARIOS.filter((scenario) => (options.only ? options.only.includes(scenario.id) : true) && !options.skip.includes(scenario.id));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `scenario` against one daemon; false when it failed (its metrics then carry the error). */
async function runScenario(
  scenario: Scenario,
  kind: DaemonKind,
  options: BenchOptions,
  results: Results,
  round = '',
): Promise<boolean> {
  const started = performance.now();
  let succeeded = true;
  process.stderr.write(`[${kind}] ${scenario.id}: ${scenario.title}${round}\n`);
  try {
    await withTimeout(
      scenario.run({
        kind,
        quick: options.quick,
        record: (key, value) => results.record(kind, key, value),
        log: (message) => process.stderr.write(`[${kind}]   ${message}\n`),
      }),
      scenario.timeoutMs,
      `${scenario.id} on ${kind}`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[${kind}]   FAILED: ${message}\n`);
    results.fail(kind, scenario.metrics, `${scenario.id}: ${message.replace(/\s+/g, ' ').slice(0, 300)}`);
    succeeded = false;
  } finally {
    // Whatever a failed or timed-out scenario left running.
    await stopAllDaemons();
  }
  process.stderr.write(`[${kind}]   ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return succeeded;
}

/** Runs a scenario with `rounds`: the daemons take turns, and whoever went second goes first next. */
async function runInRounds(
  scenario: Scenario,
  rounds: number,
  daemons: DaemonKind[],
  options: BenchOptions,
  results: Results,
): Promise<void> {
  const failed = new Set<DaemonKind>();
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? daemons : [...daemons].reverse();
    for (const kind of order) {
      if (failed.has(kind)) continue;
      const ok = await runScenario(scenario, kind, options, results, ` (round ${round + 1} of ${rounds})`);
      if (!ok) failed.add(kind);
    }
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.list) {
    for (const scenario of SCENARIOS) process.stdout.write(`${scenario.id.padEnd(10)} ${scenario.title}\n`);
    return 0;
  }
  const scenarios = selectScenarios(options);
  setKeepWorkDirs(options.keepWorkDirs);
  if (options.cpuProfileDir) {
    fs.mkdirSync(options.cpuProfileDir, { recursive: true });
    setOurNodeFlags(['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]);
  }

  const results = new Results();
  for (const scenario of scenarios) results.declare(scenario.metrics);
  const machine = machineInfo();
  const startedAt = new Date();
  process.stderr.write(`machine: ${describeMachine(machine)}\n`);
  const loadAtStart = os.loadavg();
  if (loadAtStart[0]! > 0.5) {
    process.stderr.write(`warning: load average ${loadAtStart[0]!.toFixed(2)}: other work on this machine will skew the numbers\n`);
  }

  const daemons = options.daemons.filter((kind) => {
    const missing = daemonAvailable(kind);
    if (missing) {
      for (const scenario of scenarios) results.fail(kind, scenario.metrics, `not run: ${missing}`);
      process.stderr.write(`[${kind}] not measured: ${missing}\n`);
    }
    return missing === null;
  });

  for (const scenario of scenarios) {
    if (scenario.rounds) await runInRounds(scenario, scenario.rounds(options.quick), daemons, options, results);
    else for (const kind of daemons) await runScenario(scenario, kind, options, results);
  }

  const rows = buildRows(results);
  const errors = renderErrors(results);
  process.stdout.write(`\n${renderText(rows)}\n`);
  if (errors.length > 0) process.stdout.write(`\nerrors:\n${errors.map((line) => `  ${line}`).join('\n')}\n`);
  if (options.markdown) process.stdout.write(`\n${renderMarkdown(rows)}\n`);
  const elapsedSeconds = (Date.now() - startedAt.getTime()) / 1000;
  process.stdout.write(
    `\n${options.quick ? 'quick run' : 'full run'} in ${elapsedSeconds.toFixed(0)} s on ${describeMachine(machine)}; load average ${loadAtStart[0]!.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end\n`,
  );

  fs.mkdirSync(path.dirname(options.outFile), { recursive: true });
  const json = {
    startedAt: startedAt.toISOString(),
    elapsedSeconds,
    quick: options.quick,
    scenarios: scenarios.map((scenario) => scenario.id),
    machine,
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    metrics: results.metrics.map((metric) => ({
      ...metric,
      ours: results.get('ours', metric.key) ?? null,
      real: results.get('real', metric.key) ?? null,
    })),
    table: rows,
    errors,
  };
  fs.writeFileSync(options.outFile, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), options.outFile) || options.outFile}\n`);

  const leftovers = leftoverPids();
  if (leftovers.length > 0) {
    process.stderr.write(`still running after cleanup: ${leftovers.join(', ')}\n`);
    return 1;
  }
  return 0;
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write('\ninterrupted: stopping the daemons this bench started\n');
  stopAllDaemons().finally(() => process.exit(130));
});
process.on('SIGTERM', () => {
  stopAllDaemons().finally(() => process.exit(143));
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    await stopAllDaemons();
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof Error && /unknown (option|scenario|daemon)|needs a/.test(error.message)) process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  },
);

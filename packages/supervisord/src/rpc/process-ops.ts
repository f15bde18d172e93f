/**
 * Start/stop/signal/clear of single processes and of sets of processes, with supervisord's fault
 * rules and result arrays. Waiting uses the process's state-change subscription.
 */
import {
  Faults,
  RUNNING_STATES,
  RpcFault,
  SIGNALLABLE_STATES,
  STOPPED_STATES,
  makeNamespec,
  type ProcessResult,
  type XmlRpcValue,
} from '@supervisor-ts/protocol';
import type { GroupView, ProcessView } from '../supervision/model';
import { parseSignalArgument } from './signal-names';

/** An immediate value, or a promise for a deferred (wait=true) one. Faults are thrown. */
export type OpResult = XmlRpcValue | Promise<XmlRpcValue>;

type Verdict = { done: true; value: XmlRpcValue } | { done: true; fault: RpcFault } | { done: false };

/** Evaluates `check` now and on every state change until it settles. */
function waitUntil(process: ProcessView, check: () => Verdict): OpResult {
  const first = check();
  if (first.done) {
    if ('fault' in first) throw first.fault;
    return first.value;
  }
  return new Promise<XmlRpcValue>((resolve, reject) => {
    const unsubscribe = process.onStateChange(() => {
      const verdict = check();
      if (!verdict.done) return;
      unsubscribe();
      if ('fault' in verdict) reject(verdict.fault);
      else resolve(verdict.value);
    });
  });
}

export function startOne(process: ProcessView, name: string, wait: boolean): OpResult {
  const problem = process.checkCommand();
  if (problem) throw new RpcFault(Faults[problem.fault], problem.message);
  if (RUNNING_STATES.includes(process.state)) throw new RpcFault(Faults.ALREADY_STARTED, name);
  if (process.state === 'UNKNOWN') throw new RpcFault(Faults.FAILED, `${name} is in an unknown process state`);
  const spawnError = process.start();
  if (spawnError !== null) throw new RpcFault(Faults.SPAWN_ERROR, name);
  process.settle();
  if (!wait) return true;
  const outcome = waitUntil(process, () => {
    if (process.spawnerr !== '') return { done: true, fault: new RpcFault(Faults.SPAWN_ERROR, name) };
    if (process.state === 'RUNNING') return { done: true, value: true };
    if (process.state !== 'STARTING') return { done: true, fault: new RpcFault(Faults.ABNORMAL_TERMINATION, name) };
    return { done: false };
  });
  // With startsecs=0, 4.2.5 has the process RUNNING before startProcess returns: an immediate
  // outcome, although ours arrives a moment later.
  if (outcome instanceof Promise && process.config.startsecs === 0) promptOutcomes.add(outcome);
  return outcome;
}

/** Deferred outcomes that 4.2.5 gives immediately; result arrays list them with the immediate ones. */
const promptOutcomes = new WeakSet<Promise<XmlRpcValue>>();

export function stopOne(process: ProcessView, name: string, wait: boolean): OpResult {
  if (!RUNNING_STATES.includes(process.state)) throw new RpcFault(Faults.NOT_RUNNING, name);
  const error = process.stop();
  if (error !== null) throw new RpcFault(Faults.FAILED, error);
  if (!wait) return true;
  return waitUntil(process, () => (STOPPED_STATES.includes(process.state) ? { done: true, value: true } : { done: false }));
}

export function signalOne(process: ProcessView, name: string, signal: XmlRpcValue): OpResult {
  const number = parseSignalArgument(signal);
  if (number === null) throw new RpcFault(Faults.BAD_SIGNAL, String(signal));
  if (!SIGNALLABLE_STATES.includes(process.state)) throw new RpcFault(Faults.NOT_RUNNING, name);
  const error = process.signal(number);
  if (error !== null) throw new RpcFault(Faults.FAILED, error);
  return true;
}

export function clearOne(process: ProcessView, name: string): OpResult {
  try {
    process.clearLogs();
  } catch {
    throw new RpcFault(Faults.FAILED, name);
  }
  return true;
}

/** A group's processes by priority; ties keep the configured order. */
export function processesByPriority(group: GroupView): ProcessView[] {
  return group.processes
    .map((process, index) => ({ process, index }))
    .sort((a, b) => a.process.config.priority - b.process.config.priority || a.index - b.index)
    .map(({ process }) => process);
}

function resultStruct(process: ProcessView, status: number, description: string): ProcessResult {
  return { name: process.name, group: process.group, status, description };
}

function failureStruct(process: ProcessView, error: unknown): ProcessResult {
  const fault = error instanceof RpcFault ? error : new RpcFault(Faults.FAILED, String(error));
  return resultStruct(process, fault.code, fault.faultString);
}

/**
 * How long completions are gathered before they are reported. supervisord 4.2.5 checks its deferred
 * results once per turn of its main loop, after reaping every child that died meanwhile; processes
 * that end together (one SIGTERM to a whole group) are therefore reported in priority order, not in
 * the order the kernel happened to report their deaths.
 */
const COMPLETION_BATCH_MS = 20;

/**
 * Applies `op` to every process (all actions are issued in this first pass), then waits for the
 * deferred ones. Result order: immediate outcomes in the given order, then deferred ones in the
 * order they complete; those completing together keep the given order.
 */
export function applyToAll(
  processes: readonly ProcessView[],
  op: (process: ProcessView, namespec: string) => OpResult,
): OpResult {
  /** Immediate outcomes, in the given order (a prompt one fills its slot when it settles). */
  const immediate: (ProcessResult | null)[] = [];
  const deferred: ProcessResult[] = [];
  const pending: Promise<void>[] = [];
  /** Completed deferred results not reported yet, with their place in `processes`. */
  const batch: { index: number; result: ProcessResult }[] = [];
  let outstanding = 0;
  let flushTimer: NodeJS.Timeout | null = null;
  const flushed: (() => void)[] = [];
  const flush = (): void => {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    batch.sort((a, b) => a.index - b.index);
    for (const entry of batch.splice(0)) deferred.push(entry.result);
    for (const resolve of flushed.splice(0)) resolve();
  };
  const complete = (index: number, result: ProcessResult): Promise<void> => {
    batch.push({ index, result });
    outstanding -= 1;
    const reported = new Promise<void>((resolve) => flushed.push(resolve));
    // Once nothing is outstanding, no later completion can join the batch: report at once.
    if (outstanding === 0) flush();
    else flushTimer ??= setTimeout(flush, COMPLETION_BATCH_MS);
    return reported;
  };
  const collect = (): XmlRpcValue => [...immediate.filter((result) => result !== null), ...deferred] as unknown as XmlRpcValue;
  processes.forEach((process, index) => {
    let outcome: OpResult;
    try {
      outcome = op(process, makeNamespec(process.group, process.name));
    } catch (error) {
      immediate.push(failureStruct(process, error));
      return;
    }
    if (outcome instanceof Promise && promptOutcomes.has(outcome)) {
      const slot = immediate.push(null) - 1;
      pending.push(
        outcome.then(
          () => void (immediate[slot] = resultStruct(process, Faults.SUCCESS, 'OK')),
          (error: unknown) => void (immediate[slot] = failureStruct(process, error)),
        ),
      );
    } else if (outcome instanceof Promise) {
      outstanding += 1;
      pending.push(
        outcome.then(
          () => complete(index, resultStruct(process, Faults.SUCCESS, 'OK')),
          (error: unknown) => complete(index, failureStruct(process, error)),
        ),
      );
    } else {
      immediate.push(resultStruct(process, Faults.SUCCESS, 'OK'));
    }
  });
  if (pending.length === 0) return collect();
  return Promise.all(pending).then(collect);
}

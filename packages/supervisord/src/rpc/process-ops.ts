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
  if (!wait) return true;
  return waitUntil(process, () => {
    if (process.spawnerr !== '') return { done: true, fault: new RpcFault(Faults.SPAWN_ERROR, name) };
    if (process.state === 'RUNNING') return { done: true, value: true };
    if (process.state !== 'STARTING') return { done: true, fault: new RpcFault(Faults.ABNORMAL_TERMINATION, name) };
    return { done: false };
  });
}

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
 * Applies `op` to every process (all actions are issued in this first pass), then waits for the
 * deferred ones. Result order: immediate outcomes in the given order, then deferred ones in the
 * order they complete.
 */
export function applyToAll(
  processes: readonly ProcessView[],
  op: (process: ProcessView, namespec: string) => OpResult,
): OpResult {
  const results: ProcessResult[] = [];
  const pending: Promise<void>[] = [];
  for (const process of processes) {
    let outcome: OpResult;
    try {
      outcome = op(process, makeNamespec(process.group, process.name));
    } catch (error) {
      results.push(failureStruct(process, error));
      continue;
    }
    if (outcome instanceof Promise) {
      pending.push(
        outcome.then(
          () => void results.push(resultStruct(process, Faults.SUCCESS, 'OK')),
          (error: unknown) => void results.push(failureStruct(process, error)),
        ),
      );
    } else {
      results.push(resultStruct(process, Faults.SUCCESS, 'OK'));
    }
  }
  if (pending.length === 0) return results as unknown as XmlRpcValue;
  return Promise.all(pending).then(() => results as unknown as XmlRpcValue);
}

/**
 * The status page's actions (start, stop, restart, clear log, stop all, restart all, refresh),
 * performed through the same process operations as the XML-RPC methods, with the waiting rules
 * and result messages of the 4.2.5 status page.
 */
import { Faults, RUNNING_STATES, RpcFault } from '@supervisor-ts/protocol';
import { applyToAll, clearOne, processesByPriority, startOne, stopOne } from '../rpc/process-ops';
import type { ProcessView, SupervisorModel } from '../supervision/model';
import { formatCtime } from './ctime';
import { findProcess } from './process-rows';

export const PROCESS_ACTIONS = ['start', 'stop', 'restart', 'clearlog'] as const;
export const GLOBAL_ACTIONS = ['refresh', 'stopall', 'restartall'] as const;
export type ProcessActionName = (typeof PROCESS_ACTIONS)[number];
export type WebAction = ProcessActionName | (typeof GLOBAL_ACTIONS)[number];

export function isWebAction(value: string): value is WebAction {
  return (PROCESS_ACTIONS as readonly string[]).includes(value) || (GLOBAL_ACTIONS as readonly string[]).includes(value);
}

export function isProcessAction(action: WebAction): action is ProcessActionName {
  return (PROCESS_ACTIONS as readonly string[]).includes(action);
}

/** A request the status page cannot act on (unknown action, missing process name). */
export class InvalidActionError extends Error {}

function asFault(error: unknown): RpcFault {
  if (error instanceof RpcFault) return error;
  return new RpcFault(Faults.FAILED, error instanceof Error ? error.message : String(error));
}

function unexpected(error: unknown): string {
  const fault = asFault(error);
  return `unexpected rpc fault [${fault.code}] ${fault.faultString}`;
}

function startFailure(error: unknown): string {
  const fault = asFault(error);
  switch (fault.code) {
    case Faults.NO_FILE:
      return 'no such file';
    case Faults.NOT_EXECUTABLE:
      return 'file not executable';
    case Faults.ALREADY_STARTED:
      return 'already started';
    case Faults.SPAWN_ERROR:
      return 'spawn error';
    case Faults.ABNORMAL_TERMINATION:
      return 'abnormal termination';
    default:
      return unexpected(fault);
  }
}

function guard(model: SupervisorModel): void {
  if (model.state !== 'RUNNING') throw new RpcFault(Faults.SHUTDOWN_STATE);
}

function everyProcess(model: SupervisorModel): ProcessView[] {
  return model.groups().flatMap((group) => processesByPriority(group));
}

async function stopAll(model: SupervisorModel): Promise<void> {
  guard(model);
  const running = everyProcess(model).filter((p) => RUNNING_STATES.includes(p.state));
  await applyToAll(running, (p, namespec) => stopOne(p, namespec, true));
}

async function startAll(model: SupervisorModel): Promise<void> {
  guard(model);
  const idle = everyProcess(model).filter((p) => !RUNNING_STATES.includes(p.state));
  await applyToAll(idle, (p, namespec) => startOne(p, namespec, true));
}

async function ignoringFaults(work: () => unknown): Promise<void> {
  try {
    await work();
  } catch {
    // The caller reports the same message whatever happened.
  }
}

/**
 * Performs an action and resolves with the message the status page shows afterwards.
 * Throws InvalidActionError for an unknown action or a process action without a name.
 */
export async function performAction(
  model: SupervisorModel,
  action: string,
  processName: string | null,
  now: () => Date = () => new Date(),
): Promise<string> {
  if (!isWebAction(action)) throw new InvalidActionError(`Unknown action: ${action}`);
  if (action === 'refresh') return `Page refreshed at ${formatCtime(now())}`;
  if (action === 'stopall') {
    await ignoringFaults(() => stopAll(model));
    return `All stopped at ${formatCtime(now())}`;
  }
  if (action === 'restartall') {
    await ignoringFaults(() => stopAll(model));
    await ignoringFaults(() => startAll(model));
    return `All restarted at ${formatCtime(now())}`;
  }
  if (processName === null || processName === '') {
    throw new InvalidActionError(`The action ${action} needs a processname`);
  }
  const process = findProcess(model, processName);
  if (!process) return `No such process named ${processName}`;

  switch (action) {
    case 'start':
      try {
        guard(model);
        await startOne(process, processName, true);
        return `Process ${processName} started`;
      } catch (error) {
        return `ERROR: Process ${processName}: ${startFailure(error)}`;
      }
    case 'stop':
      try {
        guard(model);
        await stopOne(process, processName, true);
        return `Process ${processName} stopped`;
      } catch (error) {
        return unexpected(error);
      }
    case 'restart':
      // Like 4.2.5, a restart reports success whatever the stop and the start said.
      await ignoringFaults(() => {
        guard(model);
        return stopOne(process, processName, true);
      });
      await ignoringFaults(() => {
        guard(model);
        return startOne(process, processName, true);
      });
      return `Process ${processName} restarted`;
    case 'clearlog':
      try {
        guard(model);
        clearOne(process, processName);
        return `Log for ${processName} cleared`;
      } catch (error) {
        return unexpected(error);
      }
  }
}

import { Faults } from '@supervisor-ts/protocol';
import { makeNamespec } from './namespec';
import type { ProcessResult } from './supervisor-api';
import { UnexpectedResultError, asFault } from './failures';

function unexpected(result: ProcessResult, name: string): never {
  throw new UnexpectedResultError(`Unknown result code ${result.status} for ${name}`);
}

/** The line `start` prints for one process result. */
export function startResultLine(result: ProcessResult): string {
  const name = makeNamespec(result.group, result.name);
  switch (result.status) {
    case Faults.BAD_NAME:
      return `${name}: ERROR (no such process)`;
    case Faults.NO_FILE:
      return `${name}: ERROR (no such file)`;
    case Faults.NOT_EXECUTABLE:
      return `${name}: ERROR (file is not executable)`;
    case Faults.ALREADY_STARTED:
      return `${name}: ERROR (already started)`;
    case Faults.SPAWN_ERROR:
      return `${name}: ERROR (spawn error)`;
    case Faults.ABNORMAL_TERMINATION:
      return `${name}: ERROR (abnormal termination)`;
    case Faults.SUCCESS:
      return `${name}: started`;
    default:
      return unexpected(result, name);
  }
}

/** The line `signal` (or, with success word `stopped`, `stop`) prints for one process result. */
export function signalResultLine(result: ProcessResult, success = 'signalled'): string {
  const name = makeNamespec(result.group, result.name);
  switch (result.status) {
    case Faults.BAD_NAME:
      return `${name}: ERROR (no such process)`;
    case Faults.BAD_SIGNAL:
      return `${name}: ERROR (bad signal name)`;
    case Faults.NOT_RUNNING:
      return `${name}: ERROR (not running)`;
    case Faults.SUCCESS:
      return `${name}: ${success}`;
    case Faults.FAILED:
      return result.description;
    default:
      return unexpected(result, name);
  }
}

export function stopResultLine(result: ProcessResult): string {
  return signalResultLine(result, 'stopped');
}

/** The line `clear` prints for one process result. */
export function clearResultLine(result: ProcessResult): string {
  const name = makeNamespec(result.group, result.name);
  switch (result.status) {
    case Faults.BAD_NAME:
      return `${name}: ERROR (no such process)`;
    case Faults.FAILED:
      return `${name}: ERROR (failed)`;
    case Faults.SUCCESS:
      return `${name}: cleared`;
    default:
      return unexpected(result, name);
  }
}

/** Turns a fault raised by a single-process call into a result for the formatters above. */
export function faultAsResult(error: unknown, group: string, process: string | null): ProcessResult | null {
  const fault = asFault(error);
  if (fault === null) return null;
  return { name: process, group, status: fault.faultCode, description: fault.faultString };
}

/**
 * Turns what ExtensionHost.addProgramToGroup / addGroup throw into the faults a client sees.
 *
 * - a configuration error (an Error named `ConfigError`) becomes INCORRECT_PARAMETERS with the
 *   text the original extension gives: `<problem> in section 'program:<name>' (file: '<conf>')`,
 *   built from the error's `detail`, `section` and `file` (its plain message when it has no detail);
 * - an Error whose `code` is `BAD_NAME` (a process name already in the group) or `ALREADY_ADDED`
 *   (a group that exists) becomes BAD_NAME with the name it carries (`processName`, `groupName`
 *   or, failing those, the message);
 * - anything else is not a client mistake and is passed on unchanged.
 */
import { RpcFault } from '@supervisor-ts/protocol';
import { badName, incorrectParameters } from './twiddler-faults';

interface HostError extends Error {
  code?: unknown;
  processName?: unknown;
  groupName?: unknown;
  detail?: unknown;
  section?: unknown;
  file?: unknown;
}

function isConfigError(error: Error): boolean {
  return error.name === 'ConfigError' || error.constructor.name === 'ConfigError';
}

function configErrorText(error: HostError, section: string): string {
  if (typeof error.detail !== 'string') return error.message;
  const where = typeof error.section === 'string' && error.section !== '' ? error.section : section;
  const file = typeof error.file === 'string' && error.file !== '' ? ` (file: '${error.file}')` : '';
  return `${error.detail} in section '${where}'${file}`;
}

function nameCarriedBy(error: HostError): string {
  if (typeof error.processName === 'string') return error.processName;
  if (typeof error.groupName === 'string') return error.groupName;
  return error.message;
}

/** `section` is where a configuration error happened, e.g. `program:ls`. */
export function faultFromHostError(error: unknown, section: string): unknown {
  if (error instanceof RpcFault || !(error instanceof Error)) return error;
  const hostError = error as HostError;
  if (isConfigError(error)) return incorrectParameters(configErrorText(hostError, section));
  if (hostError.code === 'BAD_NAME' || hostError.code === 'ALREADY_ADDED') return badName(nameCarriedBy(hostError));
  return error;
}

import { Faults, RpcFault } from '@supervisor-ts/protocol';

/**
 * Twiddler's own fault code: the method is not in the section's `whitelist`. supervisord does not
 * know the code, so the fault string reads `UNKNOWN: <method>`.
 */
export const NOT_IN_WHITELIST = 230;

export function notInWhitelist(method: string): RpcFault {
  return new RpcFault(NOT_IN_WHITELIST, method);
}

export function incorrectParameters(detail?: string): RpcFault {
  return new RpcFault(Faults.INCORRECT_PARAMETERS, detail);
}

/** Unknown group: note the literal `group: ` in front of the name, as the original extension writes it. */
export function unknownGroup(group: string): RpcFault {
  return new RpcFault(Faults.BAD_NAME, `group: ${group}`);
}

export function badName(name: string): RpcFault {
  return new RpcFault(Faults.BAD_NAME, name);
}

export function stillRunning(name: string): RpcFault {
  return new RpcFault(Faults.STILL_RUNNING, name);
}

export function shutdownState(): RpcFault {
  return new RpcFault(Faults.SHUTDOWN_STATE);
}

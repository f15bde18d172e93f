/**
 * The XML-RPC fault catalog of supervisord 4.2.5. The numbers are a wire contract.
 * A fault's text is its name, or `NAME: detail` when a detail is given; codes outside this
 * table (a plugin's own, such as twiddler's 230) are spelled `UNKNOWN`.
 */

export const Faults = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
} as const;

export type FaultName = keyof typeof Faults;

export function faultName(code: number): FaultName | 'UNKNOWN' {
  const found = (Object.keys(Faults) as FaultName[]).find((name) => Faults[name] === code);
  return found ?? 'UNKNOWN';
}

/** The text supervisord puts in faultString: the name, then `: detail` when there is one. */
export function faultString(code: number, detail?: string | null): string {
  const name = faultName(code);
  return detail === undefined || detail === null ? name : `${name}: ${detail}`;
}

/** The only error that crosses the wire. Thrown by RPC handlers, encoded as an XML-RPC fault. */
export class RpcFault extends Error {
  readonly code: number;
  readonly detail: string | null;

  constructor(code: number, detail?: string | null) {
    super(faultString(code, detail));
    this.name = 'RpcFault';
    this.code = code;
    this.detail = detail ?? null;
  }

  get faultCode(): number {
    return this.code;
  }

  get faultString(): string {
    return this.message;
  }
}

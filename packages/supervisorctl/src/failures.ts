import { pythonRepr } from '@supervisor-ts/protocol';
import { STATUS_CODES } from 'node:http';

/** An XML-RPC fault as any client may represent it (RpcFault from the protocol package, or a plain object). */
export interface FaultLike {
  faultCode: number;
  faultString: string;
}

export function asFault(error: unknown): FaultLike | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as { faultCode?: unknown; faultString?: unknown; code?: unknown; message?: unknown };
  if (typeof candidate.faultCode === 'number') {
    const text = typeof candidate.faultString === 'string' ? candidate.faultString : String(candidate.message ?? '');
    return { faultCode: candidate.faultCode, faultString: text };
  }
  return null;
}

export function isFault(error: unknown, code: number): boolean {
  return asFault(error)?.faultCode === code;
}

/** The HTTP status of a non-200 answer to an XML-RPC request, when the error is one. */
export function httpStatusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : null;
}

/** The errno name (`ECONNREFUSED`, `ENOENT`, …) of a failed connection, when the error is one. */
export function systemErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** A command's internal inconsistency (upstream raises ValueError for an unknown result code). */
export class UnexpectedResultError extends Error {
  readonly pythonClass = 'ValueError';

  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedResultError';
  }
}


const ERRNO_TEXT: Record<string, [string, number, string]> = {
  ECONNREFUSED: ['ConnectionRefusedError', 111, 'Connection refused'],
  ENOENT: ['FileNotFoundError', 2, 'No such file or directory'],
  ECONNRESET: ['ConnectionResetError', 104, 'Connection reset by peer'],
  EACCES: ['PermissionError', 13, 'Permission denied'],
  EPIPE: ['BrokenPipeError', 32, 'Broken pipe'],
  ETIMEDOUT: ['TimeoutError', 110, 'Connection timed out'],
  EHOSTUNREACH: ['OSError', 113, 'No route to host'],
  ENOTSOCK: ['OSError', 88, 'Socket operation on non-socket'],
  ECONNABORTED: ['ConnectionAbortedError', 103, 'Software caused connection abort'],
};

/** `<class 'T'>, <text>`: the type and text of an unexpected error, spelled as upstream's client does. */
export function describeUnexpected(error: unknown): string {
  const fault = asFault(error);
  if (fault !== null) {
    return `<class 'xmlrpc.client.Fault'>, <Fault ${fault.faultCode}: ${pythonRepr(fault.faultString)}>`;
  }
  const status = httpStatusOf(error);
  if (status !== null) {
    const reason = STATUS_CODES[status] ?? '';
    return `<class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: ${status} ${reason}>`;
  }
  const errno = systemErrorCode(error);
  if (errno !== null && ERRNO_TEXT[errno] !== undefined) {
    const [type, number, text] = ERRNO_TEXT[errno];
    return `<class '${type}'>, [Errno ${number}] ${text}`;
  }
  const pythonClass = (error as { pythonClass?: unknown } | null)?.pythonClass;
  if (error instanceof Error && typeof pythonClass === 'string') return `<class '${pythonClass}'>, ${error.message}`;
  if (errno !== null) return `<class 'OSError'>, ${errno}`;
  if (error instanceof Error) return `<class 'Exception'>, ${error.message}`;
  return `<class 'Exception'>, ${String(error)}`;
}

/**
 * The one-line report of an unexpected error. Upstream ends it with the Python source file and line
 * of the innermost frame; this client names its own module instead (see docs/compatibility.md).
 */
export function genericErrorLine(error: unknown): string {
  return `error: ${describeUnexpected(error)}: file: supervisorctl line: 0`;
}

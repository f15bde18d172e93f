/** Errors of the XML-RPC transport (faults are `RpcFault` from the protocol package). */

/** The server answered with an HTTP status other than 200 (401 when credentials are missing or wrong). */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly body: string,
  ) {
    super(`HTTP ${status} ${reason}`);
    this.name = 'HttpStatusError';
  }
}

/** The server could not be reached or the connection broke (`code` is the system error code). */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'ConnectionError';
  }
}

/** The server answered 200 but the body is not an XML-RPC response. */
export class ResponseFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseFormatError';
  }
}

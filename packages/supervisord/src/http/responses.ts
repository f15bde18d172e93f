/** Writing responses the way supervisord's HTTP server does: fixed header order, always a length. */
import type http from 'node:http';

export const SERVER_HEADER = 'Medusa/1.12';

const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  411: 'Length Required',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

/** The shared HTML error page (CRLF line ends). */
export function errorPageBody(status: number): string {
  return (
    '<head>\r\n<title>Error response</title>\r\n</head>\r\n<body>\r\n<h1>Error response</h1>\r\n' +
    `<p>Error code ${status}.\r\n<p>Message: ${reasonPhrase(status)}.\r\n</body>\r\n`
  );
}

let dateSecond = Number.NaN;
let dateText = '';

/** The Date header value for now; formatted once per second, not once per response. */
export function httpDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}

/** Server and Date, first in every response. */
export function baseHeaders(): [string, string][] {
  return [
    ['Server', SERVER_HEADER],
    ['Date', httpDate()],
  ];
}

/** A whole response, ready to send: status, header fields in wire order, body bytes. */
export interface PreparedResponse {
  status: number;
  /** Flat name/value list: Server and Date first, Content-Length always. */
  fields: string[];
  body: Buffer;
}

/**
 * Server and Date, then `headers`, Content-Length, and `trailing` (upstream's error pages send
 * Content-Type after Content-Length).
 */
function prepare(
  status: number,
  headers: readonly [string, string][],
  body: Buffer,
  trailing: readonly [string, string][] = [],
): PreparedResponse {
  const fields: string[] = ['Server', SERVER_HEADER, 'Date', httpDate()];
  for (const [name, value] of headers) fields.push(name, value);
  fields.push('Content-Length', String(body.length));
  for (const [name, value] of trailing) fields.push(name, value);
  return { status, fields, body };
}

/** A complete response with Content-Length after the given headers. */
export function completeResponse(status: number, headers: readonly [string, string][], body: string | Buffer): PreparedResponse {
  return prepare(status, headers, typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}

/** The HTML error page for `status`. */
export function errorResponse(status: number, extraHeaders: readonly [string, string][] = []): PreparedResponse {
  return prepare(status, extraHeaders, Buffer.from(errorPageBody(status), 'utf8'), [['Content-Type', 'text/html']]);
}

/**
 * Sends a prepared response through node:http. The fields go to `writeHead` as a flat list, which
 * node writes in this order without building its own header map. HEAD requests get the headers only.
 */
export function sendPrepared(req: http.IncomingMessage, res: http.ServerResponse, response: PreparedResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.sendDate = false;
  res.writeHead(response.status, reasonPhrase(response.status), response.fields);
  res.end(req.method === 'HEAD' ? undefined : response.body);
}

/** Sends a complete response with Content-Length. HEAD requests get the headers only. */
export function sendComplete(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: [string, string][],
  body: string | Buffer,
): void {
  sendPrepared(req, res, completeResponse(status, headers, body));
}

/** Sends the HTML error page for `status`. */
export function sendError(req: http.IncomingMessage, res: http.ServerResponse, status: number, extraHeaders: [string, string][] = []): void {
  sendPrepared(req, res, errorResponse(status, extraHeaders));
}

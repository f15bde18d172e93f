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

/** Server and Date, first in every response. */
export function baseHeaders(): [string, string][] {
  return [
    ['Server', SERVER_HEADER],
    ['Date', new Date().toUTCString()],
  ];
}

/** Sends a complete response with Content-Length. HEAD requests get the headers only. */
export function sendComplete(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: [string, string][],
  body: string | Buffer,
): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.sendDate = false;
  res.statusCode = status;
  res.statusMessage = reasonPhrase(status);
  for (const [name, value] of [...baseHeaders(), ...headers, ['Content-Length', String(bytes.length)] as [string, string]]) {
    res.setHeader(name, value);
  }
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** Sends the HTML error page for `status`. */
export function sendError(req: http.IncomingMessage, res: http.ServerResponse, status: number, extraHeaders: [string, string][] = []): void {
  const body = Buffer.from(errorPageBody(status), 'utf8');
  if (res.headersSent || res.destroyed) return;
  res.sendDate = false;
  res.statusCode = status;
  res.statusMessage = reasonPhrase(status);
  for (const [name, value] of [...baseHeaders(), ...extraHeaders, ['Content-Length', String(body.length)], ['Content-Type', 'text/html']]) {
    res.setHeader(name, value);
  }
  res.end(req.method === 'HEAD' ? undefined : body);
}

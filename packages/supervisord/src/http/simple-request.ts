/**
 * Reads bytes as exactly one complete HTTP/1.1 request of the plain kind that keep-alive XML-RPC
 * clients send: a request line, CRLF-ended header lines with a Host and one Content-Length, the
 * body, and nothing after it. Whatever falls outside that (a partial request, several, another
 * HTTP version, chunked bodies, Expect, Connection or Upgrade headers, bytes node:http might
 * treat differently) is not read here; the caller leaves such connections to node:http.
 */

export interface SimpleRequest {
  method: string;
  /** The request target as sent. */
  rawUrl: string;
  /** The Authorization header, when there is one. */
  authorization: string | undefined;
  body: Buffer;
}

/** Longest head (request line and headers) read here. */
export const MAX_SIMPLE_HEAD_BYTES = 8192;
/** Longest body read here. */
export const MAX_SIMPLE_BODY_BYTES = 65536;

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
/** Printable ASCII, space, tab and CRLF: no other byte is accepted in the head. */
const PLAIN_HEAD = /^[\t\r\n\x20-\x7e]*$/;
const REQUEST_LINE = /^([A-Z]+) ([\x21-\x7e]+) HTTP\/1\.1$/;
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*([^\r\n]*?)[ \t]*$/;
const DIGITS = /^[0-9]{1,9}$/;
/** Headers whose presence changes how node:http answers or keeps the connection. */
const LEFT_TO_NODE = new Set(['transfer-encoding', 'connection', 'expect', 'upgrade', 'keep-alive', 'proxy-connection']);

export function readSimpleRequest(data: Buffer): SimpleRequest | null {
  const headEnd = data.indexOf(HEAD_END);
  if (headEnd === -1 || headEnd > MAX_SIMPLE_HEAD_BYTES) return null;
  const head = data.toString('latin1', 0, headEnd);
  if (!PLAIN_HEAD.test(head)) return null;
  const lines = head.split('\r\n');
  const requestLine = REQUEST_LINE.exec(lines[0]);
  if (requestLine === null) return null;
  let contentLength: number | undefined;
  let authorization: string | undefined;
  let hasHost = false;
  for (let i = 1; i < lines.length; i += 1) {
    const header = HEADER_LINE.exec(lines[i]);
    if (header === null) return null;
    const name = header[1].toLowerCase();
    const value = header[2];
    if (LEFT_TO_NODE.has(name)) return null;
    if (name === 'content-length') {
      if (contentLength !== undefined || !DIGITS.test(value)) return null;
      contentLength = Number(value);
    } else if (name === 'authorization') {
      if (authorization !== undefined) return null;
      authorization = value;
    } else if (name === 'host') {
      hasHost = true;
    }
  }
  if (!hasHost || contentLength === undefined || contentLength > MAX_SIMPLE_BODY_BYTES) return null;
  const bodyStart = headEnd + HEAD_END.length;
  if (data.length !== bodyStart + contentLength) return null;
  return { method: requestLine[1], rawUrl: requestLine[2], authorization, body: data.subarray(bodyStart) };
}

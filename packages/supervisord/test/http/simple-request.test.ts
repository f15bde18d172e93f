import { MAX_SIMPLE_BODY_BYTES, MAX_SIMPLE_HEAD_BYTES, readSimpleRequest } from '../../src/http/simple-request';

const BODY = "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getState</methodName>\n<params>\n</params>\n</methodCall>\n";

function request(headLines: string[], body = BODY, requestLine = 'POST /RPC2 HTTP/1.1'): Buffer {
  return Buffer.from(`${[requestLine, ...headLines].join('\r\n')}\r\n\r\n${body}`, 'latin1');
}

const plain = (extra: string[] = [], body = BODY) => request(['Host: localhost', ...extra, `Content-Length: ${Buffer.byteLength(body)}`], body);

describe('readSimpleRequest', () => {
  it('reads a plain keep-alive request', () => {
    const read = readSimpleRequest(plain(['Content-Type: text/xml', 'Authorization:  Basic dTpw  ']));
    expect(read).toEqual({ method: 'POST', rawUrl: '/RPC2', authorization: 'Basic dTpw', body: Buffer.from(BODY) });
  });

  it('reads any method and target, header names in any case, an empty Host and an empty body', () => {
    expect(readSimpleRequest(request(['host:', 'content-length: 0'], '', 'GET /RPC2/x?y=%20 HTTP/1.1'))).toEqual({
      method: 'GET',
      rawUrl: '/RPC2/x?y=%20',
      authorization: undefined,
      body: Buffer.alloc(0),
    });
  });

  it.each<[string, Buffer]>([
    ['a partial head', Buffer.from('POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n')],
    ['a partial body', plain().subarray(0, plain().length - 1)],
    ['a second request after the first', Buffer.concat([plain(), plain()])],
    ['extra bytes after the body', Buffer.concat([plain(), Buffer.from('\r\n')])],
    ['HTTP/1.0', request(['Host: x', `Content-Length: ${BODY.length}`], BODY, 'POST /RPC2 HTTP/1.0')],
    ['a lowercase method', request(['Host: x', `Content-Length: ${BODY.length}`], BODY, 'post /RPC2 HTTP/1.1')],
    ['two spaces in the request line', request(['Host: x', `Content-Length: ${BODY.length}`], BODY, 'POST  /RPC2 HTTP/1.1')],
    ['no Host', request([`Content-Length: ${BODY.length}`])],
    ['no Content-Length', request(['Host: x'], '')],
    ['two Content-Lengths', plain([`Content-Length: ${BODY.length}`])],
    ['a signed Content-Length', request(['Host: x', `Content-Length: +${BODY.length}`])],
    ['Transfer-Encoding', plain(['Transfer-Encoding: chunked'])],
    ['Connection', plain(['Connection: keep-alive'])],
    ['Expect', plain(['Expect: 100-continue'])],
    ['Upgrade', plain(['Upgrade: h2c'])],
    ['Keep-Alive', plain(['Keep-Alive: 5'])],
    ['two Authorization headers', plain(['Authorization: Basic a', 'Authorization: Basic b'])],
    ['a folded header line', plain(['X-A: 1', ' continued'])],
    ['a space before the colon', plain(['X-A : 1'])],
    ['a bare LF', Buffer.from(`POST /RPC2 HTTP/1.1\nHost: x\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`)],
    ['a control character', plain(['X-A: a\u0001b'])],
    ['a byte above 0x7e', plain(['X-A: caf\u00e9'])],
    ['a head that is too long', plain([`X-A: ${'a'.repeat(MAX_SIMPLE_HEAD_BYTES)}`])],
    ['a body that is too long', plain([], 'a'.repeat(MAX_SIMPLE_BODY_BYTES + 1))],
  ])('leaves %s to node:http', (_what, bytes) => {
    expect(readSimpleRequest(bytes)).toBeNull();
  });
});

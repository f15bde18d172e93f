import { XmlRpcDecodeError, decodeMethodCall, encodeMethodCall } from '@supervisor-ts/protocol';
import { MAX_CACHED_BODY_BYTES, MAX_CACHED_CALLS, MethodCallCache } from '../../src/rpc/method-call-cache';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('MethodCallCache', () => {
  it('decodes as decodeMethodCall does, base64 parameters as text', () => {
    const cache = new MethodCallCache();
    const body = bytes(
      "<methodCall><methodName>demo.echo</methodName><params><param><value><base64>aMOpbGxv</base64></value></param></params></methodCall>",
    );
    expect(cache.decode(body)).toEqual({ kind: 'call', methodName: 'demo.echo', params: ['héllo'] });
    expect(cache.decode(body)).toEqual(decodeMethodCall(body, { base64: 'string' }));
  });

  it('decodes a body seen before only once', () => {
    const cache = new MethodCallCache();
    const first = cache.decode(bytes(encodeMethodCall('supervisor.getProcessInfo', ['web'])));
    expect(cache.decode(bytes(encodeMethodCall('supervisor.getProcessInfo', ['web'])))).toBe(first);
    expect(Object.isFrozen(first.params)).toBe(true);
    expect(cache.decode(bytes(encodeMethodCall('supervisor.getProcessInfo', ['db']))).params).toEqual(['db']);
  });

  it('tells bodies apart by their bytes', () => {
    const cache = new MethodCallCache();
    // 0xE9 alone is not UTF-8 (read as U+FFFD); "é" is 0xC3 0xA9.
    const head = '<methodCall><methodName>a.b</methodName><params><param><value><string>';
    const tail = '</string></value></param></params></methodCall>';
    const invalid = Buffer.concat([bytes(head), Buffer.from([0xe9]), bytes(tail)]);
    const valid = bytes(`${head}é${tail}`);
    expect(cache.decode(invalid).params).toEqual(['\uFFFD']);
    expect(cache.decode(valid).params).toEqual(['é']);
  });

  it('decodes calls with container parameters afresh each time', () => {
    const cache = new MethodCallCache();
    const body = bytes(encodeMethodCall('system.multicall', [[{ methodName: 'a.b', params: [] }]]));
    const first = cache.decode(body);
    (first.params[0] as unknown[]).push('changed by a handler');
    expect(cache.decode(body)).not.toBe(first);
    expect(cache.decode(body).params).toEqual([[{ methodName: 'a.b', params: [] }]]);
  });

  it('keeps refusing a bad body', () => {
    const cache = new MethodCallCache();
    expect(() => cache.decode(bytes('<methodCall><params/></methodCall>'))).toThrow(XmlRpcDecodeError);
    expect(() => cache.decode(bytes('<methodCall><params/></methodCall>'))).toThrow(XmlRpcDecodeError);
  });

  it('stays correct past its size bounds', () => {
    const cache = new MethodCallCache();
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < MAX_CACHED_CALLS + 10; i += 1) {
        expect(cache.decode(bytes(encodeMethodCall('supervisor.getProcessInfo', [`p${i}`]))).params).toEqual([`p${i}`]);
      }
    }
    const long = 'x'.repeat(MAX_CACHED_BODY_BYTES);
    const body = bytes(encodeMethodCall('demo.echo', [long]));
    expect(cache.decode(body).params).toEqual([long]);
    expect(cache.decode(body)).not.toBe(cache.decode(body));
  });
});

import {
  XmlRpcEncodedValue,
  decodeMethodResponse,
  encodeMethodCall,
  encodeMethodResponse,
  encodeValue,
  type XmlRpcValue,
} from '@supervisor-ts/protocol';

describe('XmlRpcEncodedValue', () => {
  const struct: XmlRpcValue = { name: 'a&b', pid: 7, list: [true, 'x<y'], empty: {} };

  it('is written as it is, wherever a value goes', () => {
    const encoded = new XmlRpcEncodedValue(encodeValue(struct));
    expect(encodeMethodResponse(encoded)).toBe(encodeMethodResponse(struct));
    expect(encodeMethodResponse([1, encoded, 'z'])).toBe(encodeMethodResponse([1, struct, 'z']));
    expect(encodeMethodResponse({ inner: encoded })).toBe(encodeMethodResponse({ inner: struct }));
    expect(encodeMethodCall('m', [encoded, encoded])).toBe(encodeMethodCall('m', [struct, struct]));
    expect(encodeValue(encoded)).toBe(encodeValue(struct));
  });

  it('reads back as the value it was made from', () => {
    const encoded = new XmlRpcEncodedValue(encodeValue([struct, struct]));
    expect(decodeMethodResponse(encodeMethodResponse(encoded))).toEqual({ kind: 'result', value: [struct, struct] });
  });
});

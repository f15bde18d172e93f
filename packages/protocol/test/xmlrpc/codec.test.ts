import { execFileSync } from 'node:child_process';
import {
  XmlRpcBase64,
  XmlRpcDecodeError,
  XmlRpcDouble,
  decodeMethodCall,
  decodeMethodResponse,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
  pythonFloatRepr,
  type XmlRpcValue,
} from '@supervisor-ts/protocol';

/** Runs Python's own xmlrpc.client.dumps on a Python literal and returns the text. */
function pythonDumps(pythonArgs: string): string {
  const script = `import sys, xmlrpc.client as x, datetime\nsys.stdout.write(x.dumps(${pythonArgs}))`;
  return execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
}

/** Runs Python's xmlrpc.client.loads on our bytes and returns repr() of the result. */
function pythonLoads(xml: string): string {
  const script =
    'import sys, xmlrpc.client as x\ntry:\n  print(ascii(x.loads(sys.stdin.buffer.read())))\nexcept x.Fault as f:\n  print(ascii((f.faultCode, f.faultString)))';
  return execFileSync('/usr/bin/python3', ['-c', script], { input: Buffer.from(xml, 'utf8'), encoding: 'utf8' }).trim();
}

describe('encode: byte layout of Python xmlrpc.client.dumps', () => {
  it('methodCall with every scalar and container type', () => {
    const ours = encodeMethodCall('supervisor.x', [
      1,
      -2147483648,
      true,
      false,
      'a<&>"\' é 😀',
      '',
      1.5,
      new XmlRpcDouble(2),
      [1, 'x', []],
      { a: 1, b: { c: [true] }, d: {} },
      new XmlRpcBase64(Buffer.from('hi'.repeat(50))),
      new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    ]);
    const python = pythonDumps(
      `(1, -2147483648, True, False, 'a<&>"\\' é 😀', '', 1.5, 2.0, [1, 'x', []], {'a': 1, 'b': {'c': [True]}, 'd': {}}, ` +
        `x.Binary(b'hi'*50), datetime.datetime(2026, 1, 2, 3, 4, 5)), 'supervisor.x'`,
    );
    expect(ours).toBe(python);
  });

  it('methodCall without params', () => {
    expect(encodeMethodCall('supervisor.getVersion')).toBe(pythonDumps(`(), 'supervisor.getVersion'`));
  });

  it('methodResponse with a struct and with an array', () => {
    expect(encodeMethodResponse({ statecode: 1, statename: 'RUNNING' })).toBe(
      pythonDumps(`({'statecode': 1, 'statename': 'RUNNING'},), methodresponse=True`),
    );
    expect(encodeMethodResponse(['', 0, false])).toBe(pythonDumps(`(['', 0, False],), methodresponse=True`));
  });

  it('fault', () => {
    expect(encodeFault(10, 'BAD_NAME: nope')).toBe(pythonDumps(`x.Fault(10, 'BAD_NAME: nope')`));
  });

  it('matches the captured getState response length from the reference', () => {
    expect(Buffer.byteLength(encodeMethodResponse({ statecode: 1, statename: 'RUNNING' }))).toBe(279);
    expect(Buffer.byteLength(encodeMethodResponse(true))).toBe(129);
  });

  it('nil as Python allow_none writes it', () => {
    expect(encodeMethodCall('m', [null])).toBe(pythonDumps(`(None,), 'm', allow_none=True`));
  });

  it.each([
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1.5e-7, '1.5e-07'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [123456789.125, '123456789.125'],
    [-2.5e22, '-2.5e+22'],
    [1e15, '1000000000000000.0'],
    [-0, '-0.0'],
    [Infinity, 'inf'],
    [NaN, 'nan'],
  ])('double %p is written as Python repr %p', (value, text) => {
    expect(pythonFloatRepr(value)).toBe(text);
  });

  it('integers beyond 32 bits go out as <i8>, which Python reads', () => {
    const xml = encodeMethodResponse(2 ** 40);
    expect(xml).toContain('<value><i8>1099511627776</i8></value>');
    expect(pythonLoads(xml)).toBe('((1099511627776,), None)');
  });
});

describe('encode: characters XML cannot carry', () => {
  const nasty = 'ctl:\x00\x01\x02\x1b[31mred\x1b[0m \uFFFE\uFFFF lone:\uD800 \uDC00 pair:😀 tab\tcr\rlf\n';

  it('never throws and writes U+FFFD in place of each illegal character', () => {
    const xml = encodeMethodResponse(nasty);
    expect(xml).toContain(
      '<string>ctl:\uFFFD\uFFFD\uFFFD\uFFFD[31mred\uFFFD[0m \uFFFD\uFFFD lone:\uFFFD \uFFFD pair:😀 tab\tcr\rlf\n</string>',
    );
  });

  it('produces XML that Python client parses', () => {
    const out = pythonLoads(encodeMethodResponse({ [nasty]: [nasty] }));
    expect(out).toContain("'ctl:\\ufffd\\ufffd\\ufffd\\ufffd[31mred");
  });

  it('fault strings are cleaned too', () => {
    expect(pythonLoads(encodeFault(10, 'BAD_NAME: \x1b'))).toBe("(10, 'BAD_NAME: \\ufffd')");
  });
});

describe('decode', () => {
  it('round-trips every type through encode', () => {
    const values: XmlRpcValue[] = [
      0,
      -2147483648,
      2147483647,
      true,
      false,
      'a<&>"\' é 😀 \t\r\n',
      '',
      1.5,
      [1, ['x', []], {}],
      { a: 1, b: { c: [true, 'y'] }, 'k<&>': 'v' },
      new Date(Date.UTC(2026, 10, 22, 3, 28, 34)),
      null,
    ];
    const call = decodeMethodCall(encodeMethodCall('ns.m', values));
    expect(call.methodName).toBe('ns.m');
    expect(call.params).toEqual(values);
    for (const value of values) {
      if (value === null) continue;
      expect(decodeMethodResponse(encodeMethodResponse(value))).toEqual({ kind: 'result', value });
    }
  });

  it('reads base64 as bytes or, on request, as text', () => {
    const xml = encodeMethodCall('m', [new XmlRpcBase64(Buffer.from('héllo'.repeat(30)))]);
    const bytes = decodeMethodCall(xml).params[0] as XmlRpcBase64;
    expect(bytes).toBeInstanceOf(XmlRpcBase64);
    expect(bytes.bytes.toString('utf8')).toBe('héllo'.repeat(30));
    expect(decodeMethodCall(xml, { base64: 'string' }).params[0]).toBe('héllo'.repeat(30));
  });

  it('reads i4, i8, untyped values, empty strings and a missing <params>', () => {
    const xml =
      "<?xml version='1.0'?><methodCall><methodName>a.b</methodName><params>" +
      '<param><value><i4>-7</i4></value></param>' +
      '<param><value><i8>1099511627776</i8></value></param>' +
      '<param><value>  untyped  </value></param>' +
      '<param><value></value></param>' +
      '<param><value><string/></value></param>' +
      '<param><value><string>x</string></value></param>' +
      '<param><value><array><data/></array></value></param>' +
      '<param><value><struct></struct></value></param>' +
      '<param><value><double>-1e+16</double></value></param>' +
      '<param><value><dateTime.iso8601>20261122T03:28:34</dateTime.iso8601></value></param>' +
      '</params></methodCall>';
    expect(decodeMethodCall(xml).params).toEqual([
      -7,
      2 ** 40,
      '  untyped  ',
      '',
      '',
      'x',
      [],
      {},
      -1e16,
      new Date(Date.UTC(2026, 10, 22, 3, 28, 34)),
    ]);
    expect(decodeMethodCall('<methodCall><methodName>a.b</methodName></methodCall>').params).toEqual([]);
  });

  it('accepts raw control characters as the real supervisord sends them', () => {
    const xml =
      "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n" +
      '<value><string>ctl:\x01\x02\x1b[31mred\x1b[0m amp:&amp; lt:&lt; gt:&gt; quote:"\r\n</string></value>\n' +
      '</param>\n</params>\n</methodResponse>\n';
    expect(decodeMethodResponse(xml)).toEqual({ kind: 'result', value: 'ctl:\x01\x02\x1b[31mred\x1b[0m amp:& lt:< gt:> quote:"\r\n' });
  });

  it('reads faults', () => {
    expect(decodeMethodResponse(encodeFault(10, 'BAD_NAME: nope'))).toEqual({
      kind: 'fault',
      faultCode: 10,
      faultString: 'BAD_NAME: nope',
    });
  });

  it('reads what Python writes', () => {
    const xml = pythonDumps(`({'a': [1, 2.5, True, 'é', x.Binary(b'\\x00\\xff')]},), methodresponse=True`);
    const decoded = decodeMethodResponse(xml);
    expect(decoded).toEqual({ kind: 'result', value: { a: [1, 2.5, true, 'é', new XmlRpcBase64(Buffer.from([0, 255]))] } });
  });

  it.each([
    ['', /empty document/],
    ['not xml at all', /malformed XML|text outside/],
    ['<methodCall><methodName>a.b</methodName>', /malformed XML/],
    ['<!DOCTYPE x [<!ENTITY a "b">]><methodCall><methodName>&a;</methodName></methodCall>', /DOCTYPE/],
    ['<methodCall><params/></methodCall>', /without <methodName>/],
    ['<methodResponse><params/></methodResponse>', /exactly one <param>/],
    ['<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>', /invalid <int>/],
    ['<methodResponse><params><param><value><boolean>true</boolean></value></param></params></methodResponse>', /invalid <boolean>/],
    ['<methodResponse><params><param><value><double>1.2.3</double></value></param></params></methodResponse>', /invalid <double>/],
    ['<methodResponse><params><param><value><dateTime.iso8601>x</dateTime.iso8601></value></param></params></methodResponse>', /dateTime/],
    ['<methodResponse><params><param><value><base64>*</base64></value></param></params></methodResponse>', /base64/],
    ['<methodResponse><params><param><value><struct><member><value>1</value></member></struct></value></param></params></methodResponse>', /without <name>/],
    ['<methodResponse><fault><value><string>x</string></value></fault></methodResponse>', /does not hold a struct/],
    ['<methodResponse><fault><value><struct></struct></value></fault></methodResponse>', /faultCode/],
    ['<methodResponse><params><param><value><int>1</int><int>2</int></value></param></params></methodResponse>', /more than one/],
    ['<foo/>', /unexpected element <foo>/],
    ['<methodCall><methodName>a</methodName></methodCall>', /expected <methodResponse>/],
  ])('refuses %p with a clear error', (xml, message) => {
    const attempt = () => (xml.startsWith('<methodCall') && !String(message).includes('methodResponse') ? decodeMethodCall(xml) : decodeMethodResponse(xml));
    expect(attempt).toThrow(XmlRpcDecodeError);
    expect(attempt).toThrow(message);
  });
});

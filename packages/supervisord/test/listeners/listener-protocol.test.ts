import {
  ListenerProtocol,
  parsePythonInt,
  type ListenerSignal,
  type ResultJudge,
} from '../../src/listeners/listener-protocol';

const okJudge: ResultJudge = (body) => (body.toString('latin1') === 'OK' ? 'processed' : 'rejected');

/** Feeds chunks one after the other and returns every signal in order, in a compact notation. */
function run(protocol: ListenerProtocol, chunks: Array<string | Buffer>, judge: ResultJudge = okJudge): string[] {
  const out: string[] = [];
  for (const chunk of chunks) {
    for (const signal of protocol.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk, judge)) {
      out.push(describe_(signal));
    }
  }
  return out;
}

function describe_(signal: ListenerSignal): string {
  switch (signal.kind) {
    case 'state-change':
      return `${signal.from}->${signal.to}`;
    case 'result':
      return `result ${JSON.stringify(signal.body.toString('latin1'))} ${signal.outcome}`;
    case 'bad-result-line':
      return `bad ${signal.line}`;
  }
}

function busyListener(): ListenerProtocol {
  const protocol = new ListenerProtocol();
  expect(run(protocol, ['READY\n'])).toEqual(['ACKNOWLEDGED->READY']);
  expect(protocol.markBusy()).toEqual([{ kind: 'state-change', from: 'READY', to: 'BUSY' }]);
  return protocol;
}

describe('listener protocol parser', () => {
  it('starts ACKNOWLEDGED and needs six bytes before deciding', () => {
    const protocol = new ListenerProtocol();
    expect(protocol.state).toBe('ACKNOWLEDGED');
    expect(run(protocol, ['R', 'EA', 'DY'])).toEqual([]);
    expect(protocol.state).toBe('ACKNOWLEDGED');
    expect(run(protocol, ['\n'])).toEqual(['ACKNOWLEDGED->READY']);
    expect(protocol.state).toBe('READY');
  });

  it('handles a whole exchange written in one chunk and byte by byte alike', () => {
    const whole = busyListener();
    expect(run(whole, ['RESULT 2\nOKREADY\n'])).toEqual(['result "OK" processed', 'BUSY->ACKNOWLEDGED', 'ACKNOWLEDGED->READY']);
    const bytewise = busyListener();
    expect(run(bytewise, [...'RESULT 2\nOKREADY\n'])).toEqual([
      'result "OK" processed',
      'BUSY->ACKNOWLEDGED',
      'ACKNOWLEDGED->READY',
    ]);
    expect(bytewise.state).toBe('READY');
  });

  it('splits a result body across chunks and keeps binary bodies intact', () => {
    const protocol = busyListener();
    expect(run(protocol, ['RESULT 4\nFA'])).toEqual([]);
    expect(run(protocol, ['IL'])).toEqual(['result "FAIL" rejected', 'BUSY->ACKNOWLEDGED']);
    expect(run(protocol, ['READY\n'])).toEqual(['ACKNOWLEDGED->READY']);
    protocol.markBusy();
    expect(run(protocol, [Buffer.from('RESULT 3\n\xff\n\x00', 'latin1')])).toEqual(['result "ÿ\\n\\u0000" rejected', 'BUSY->ACKNOWLEDGED']);
  });

  it('does not check the first seven characters of the result line and tolerates whitespace', () => {
    const protocol = busyListener();
    expect(run(protocol, ['XXXXXXX  2 \nOK'])).toEqual(['result "OK" processed', 'BUSY->ACKNOWLEDGED']);
    expect(parsePythonInt(Buffer.from(' +1_0\t'))).toBe(10);
    expect(parsePythonInt(Buffer.from('1__0'))).toBeNull();
    expect(parsePythonInt(Buffer.from(''))).toBeNull();
    expect(parsePythonInt(Buffer.from('0x1'))).toBeNull();
  });

  it('evaluates an empty body after RESULT 0 only when the next byte arrives', () => {
    const protocol = busyListener();
    expect(run(protocol, ['RESULT 0\n'])).toEqual([]);
    expect(protocol.state).toBe('BUSY');
    expect(run(protocol, ['READY\n'])).toEqual(['result "" rejected', 'BUSY->ACKNOWLEDGED', 'ACKNOWLEDGED->READY']);
  });

  it('goes UNKNOWN on garbage while ACKNOWLEDGED and drops everything after', () => {
    const protocol = new ListenerProtocol();
    expect(run(protocol, ['HELLO!READY\n'])).toEqual(['ACKNOWLEDGED->UNKNOWN']);
    expect(run(protocol, ['READY\n', 'RESULT 2\nOK'])).toEqual([]);
    expect(protocol.state).toBe('UNKNOWN');
    expect(() => protocol.markBusy()).toThrow('cannot take an event');
  });

  it('goes UNKNOWN on any byte while READY', () => {
    const protocol = new ListenerProtocol();
    expect(run(protocol, ['READY\nREADY\n'])).toEqual(['ACKNOWLEDGED->READY', 'READY->UNKNOWN']);
  });

  it('reports bad result lines as 4.2.5 words them', () => {
    const cases: Array<[string, string]> = [
      ['HELLO\n', 'bad HELLO'],
      ['READY\nRESULT 2\nOK', 'bad READY'],
      ['RESULT x\n', 'bad RESULT x'],
      ['RESULT -1\n', 'bad RESULT -1'],
    ];
    for (const [input, expected] of cases) {
      const protocol = busyListener();
      expect(run(protocol, [input])).toEqual([expected, 'BUSY->UNKNOWN']);
    }
    const undecodable = busyListener();
    expect(run(undecodable, [Buffer.from('RESULT \xff\n', 'latin1')])).toEqual(["bad Undecodable: b'RESULT \\xff'", 'BUSY->UNKNOWN']);
  });

  it('a result handler that throws means an error and UNKNOWN', () => {
    const protocol = busyListener();
    const throwing: ResultJudge = () => {
      throw new Error('boom');
    };
    expect(run(protocol, ['RESULT 2\nOKREADY\n'], throwing)).toEqual(['result "OK" error', 'BUSY->UNKNOWN']);
    expect(protocol.state).toBe('UNKNOWN');
  });
});

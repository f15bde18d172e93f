import { make_twiddler_rpcinterface } from '@supervisor-ts/rpc-twiddler';
import { XmlRpcDouble, type XmlRpcValue } from '@supervisor-ts/protocol';
import { call, FakeExtensionHost, faultOf } from './fake-extension-host';

describe('twiddler.getAPIVersion', () => {
  it("returns the string '1.0'", async () => {
    const namespace = make_twiddler_rpcinterface(new FakeExtensionHost(), {});
    expect(await call(namespace, 'getAPIVersion')).toBe('1.0');
  });
});

describe('twiddler.getGroupNames', () => {
  it("returns the running groups' names in supervisord's order, unsorted", async () => {
    const host = new FakeExtensionHost([{ name: 'zeta' }, { name: 'base' }, { name: 'dyn' }]);
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await call(namespace, 'getGroupNames')).toEqual(['zeta', 'base', 'dyn']);
  });

  it('sees a group as soon as it is added', async () => {
    const host = new FakeExtensionHost([{ name: 'base' }]);
    const namespace = make_twiddler_rpcinterface(host, {});
    await call(namespace, 'addGroup', 'dyn', 5);
    expect(await call(namespace, 'getGroupNames')).toEqual(['base', 'dyn']);
  });
});

describe('twiddler.log', () => {
  it('logs at INFO by default and returns true', async () => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await call(namespace, 'log', 'hello from twiddler')).toBe(true);
    expect(host.logLines).toEqual([{ level: 'INFO', message: 'hello from twiddler' }]);
  });

  it.each<[XmlRpcValue, string]>([
    ['CRIT', 'CRIT'],
    ['erro', 'ERRO'],
    ['Warn', 'WARN'],
    ['INFO', 'INFO'],
    ['debg', 'DEBG'],
    ['TRAC', 'TRAC'],
    ['blat', 'BLAT'],
    [50, 'CRIT'],
    [40, 'ERRO'],
    [30, 'WARN'],
    [20, 'INFO'],
    [10, 'DEBG'],
    [5, 'TRAC'],
    [3, 'BLAT'],
  ])('takes level %j as %s', async (level, expected) => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await call(namespace, 'log', 'msg', level)).toBe(true);
    expect(host.logLines).toEqual([{ level: expected, message: 'msg' }]);
  });

  it.each<XmlRpcValue>(['40', 'critical', 'error', 'warning', '', 999, 0, 1, 20.5, true, null, [], {}, new XmlRpcDouble(20)])(
    'refuses level %j with a bare INCORRECT_PARAMETERS and logs nothing',
    async (level) => {
      const host = new FakeExtensionHost();
      const namespace = make_twiddler_rpcinterface(host, {});
      expect(await faultOf(namespace, 'log', 'x', level)).toEqual({ code: 2, text: 'INCORRECT_PARAMETERS' });
      expect(host.logLines).toEqual([]);
    },
  );

  it("writes a non-string scalar message as Python's str() would", async () => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    await call(namespace, 'log', 42);
    await call(namespace, 'log', false);
    expect(host.logLines.map((l) => l.message)).toEqual(['42', 'False']);
  });

  it.each<XmlRpcValue>([null, [], {}])('refuses message %j', async (message) => {
    const namespace = make_twiddler_rpcinterface(new FakeExtensionHost(), {});
    expect(await faultOf(namespace, 'log', message)).toEqual({ code: 2, text: 'INCORRECT_PARAMETERS' });
  });
});

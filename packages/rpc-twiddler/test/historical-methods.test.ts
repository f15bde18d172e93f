import { make_twiddler_rpcinterface } from '@supervisor-ts/rpc-twiddler';
import { XmlRpcDouble, type XmlRpcValue } from '@supervisor-ts/protocol';
import { call, FakeExtensionHost, faultOf } from './fake-extension-host';

describe('twiddler.addGroup', () => {
  it('creates an empty running group with the priority and returns true', async () => {
    const host = new FakeExtensionHost([{ name: 'base' }]);
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await call(namespace, 'addGroup', 'dynamic_procs', 999)).toBe(true);
    expect(host.findGroup('dynamic_procs')).toEqual({ name: 'dynamic_procs', priority: 999, processes: [] });
  });

  it.each<[XmlRpcValue, number]>([
    ['999', 999],
    [' -5 ', -5],
    ['+7', 7],
    [true, 1],
    [new XmlRpcDouble(12.9), 12],
    [3.7, 3],
  ])('takes priority %j as %d, as int() would', async (priority, expected) => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    await call(namespace, 'addGroup', 'g', priority);
    expect(host.findGroup('g')?.priority).toBe(expected);
  });

  it.each<[XmlRpcValue, string]>([
    ['abc', "INCORRECT_PARAMETERS: priority must be an integer, got 'abc'"],
    ['1.5', "INCORRECT_PARAMETERS: priority must be an integer, got '1.5'"],
    ['', "INCORRECT_PARAMETERS: priority must be an integer, got ''"],
    [null, 'INCORRECT_PARAMETERS: priority must be an integer, got a value of another type'],
    [[1], 'INCORRECT_PARAMETERS: priority must be an integer, got a value of another type'],
  ])('refuses priority %j', async (priority, text) => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await faultOf(namespace, 'addGroup', 'g', priority)).toEqual({ code: 2, text });
    expect(host.groupList).toEqual([]);
  });

  it('answers BAD_NAME: <name> for a group that is already running', async () => {
    const host = new FakeExtensionHost([{ name: 'base' }]);
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await faultOf(namespace, 'addGroup', 'base', 1)).toEqual({ code: 10, text: 'BAD_NAME: base' });
    expect(host.calls).toEqual([]);
  });

  it('answers BAD_NAME: <name> when the host finds the group already added', async () => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    host.addGroup = () => {
      throw Object.assign(new Error('exists'), { code: 'ALREADY_ADDED', groupName: 'g' });
    };
    expect(await faultOf(namespace, 'addGroup', 'g', 1)).toEqual({ code: 10, text: 'BAD_NAME: g' });
  });

  it.each<[string, string]>([
    ['a b', "INCORRECT_PARAMETERS: Invalid name: 'a b' because of character: ' '"],
    ['a:b', "INCORRECT_PARAMETERS: Invalid name: 'a:b' because of character: ':'"],
    ['a/b', "INCORRECT_PARAMETERS: Invalid name: 'a/b' because of character: '/'"],
    ['  ', "INCORRECT_PARAMETERS: Invalid name: '  ': a group name cannot be empty"],
  ])('refuses the group name %j', async (name, text) => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await faultOf(namespace, 'addGroup', name, 1)).toEqual({ code: 2, text });
    expect(host.groupList).toEqual([]);
  });

  it('drops whitespace around the name, as the config file does', async () => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    await call(namespace, 'addGroup', ' padded ', 1);
    expect(host.findGroup('padded')).toBeDefined();
  });

  it('answers INCORRECT_PARAMETERS for a name that is not a string', async () => {
    const namespace = make_twiddler_rpcinterface(new FakeExtensionHost(), {});
    expect(await faultOf(namespace, 'addGroup', 5, 1)).toEqual({ code: 2, text: 'INCORRECT_PARAMETERS' });
  });
});

describe('twiddler.removeGroup', () => {
  it('removes an empty group and returns true', async () => {
    const host = new FakeExtensionHost([{ name: 'base' }, { name: 'empty' }]);
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await call(namespace, 'removeGroup', 'empty')).toBe(true);
    expect(host.groupList.map((g) => g.name)).toEqual(['base']);
  });

  it('removes a group whose processes are all stopped', async () => {
    const host = new FakeExtensionHost([{ name: 'g', processes: [{ name: 'a', state: 'EXITED' }, { name: 'b', state: 'FATAL' }] }]);
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await call(namespace, 'removeGroup', 'g')).toBe(true);
    expect(host.groupList).toEqual([]);
  });

  it('answers STILL_RUNNING: <group> while one of its processes runs', async () => {
    const host = new FakeExtensionHost([{ name: 'g', processes: [{ name: 'a' }, { name: 'b', state: 'RUNNING', pid: 9 }] }]);
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await faultOf(namespace, 'removeGroup', 'g')).toEqual({ code: 91, text: 'STILL_RUNNING: g' });
    expect(host.calls).toEqual([]);
  });

  it('answers BAD_NAME: group: <name> for an unknown group', async () => {
    const namespace = make_twiddler_rpcinterface(new FakeExtensionHost(), {});
    expect(await faultOf(namespace, 'removeGroup', 'nope')).toEqual({ code: 10, text: 'BAD_NAME: group: nope' });
  });

  it("turns the host's own refusals into the same faults", async () => {
    const host = new FakeExtensionHost([{ name: 'g' }]);
    const namespace = make_twiddler_rpcinterface(host, {});
    host.removeGroup = () => 'STILL_RUNNING';
    expect(await faultOf(namespace, 'removeGroup', 'g')).toEqual({ code: 91, text: 'STILL_RUNNING: g' });
    host.removeGroup = () => 'BAD_NAME';
    expect(await faultOf(namespace, 'removeGroup', 'g')).toEqual({ code: 10, text: 'BAD_NAME: group: g' });
  });
});

describe('the session of the original documentation', () => {
  it('creates a group, adds a program to it, and the program can be removed with its group', async () => {
    const host = new FakeExtensionHost();
    const namespace = make_twiddler_rpcinterface(host, {});
    expect(await call(namespace, 'addGroup', 'dynamic_procs', 999)).toBe(true);
    expect(
      await call(namespace, 'addProcessToGroup', 'dynamic_procs', 'ls', {
        command: 'ls -l',
        autostart: 'false',
        autorestart: 'false',
        startsecs: '0',
      }),
    ).toBe(true);
    expect(host.findProcess('dynamic_procs', 'ls')?.options.command).toBe('ls -l');
    expect(await call(namespace, 'removeProcessFromGroup', 'dynamic_procs', 'ls')).toBe(true);
    expect(await call(namespace, 'removeGroup', 'dynamic_procs')).toBe(true);
    expect(await call(namespace, 'getGroupNames')).toEqual([]);
  });
});

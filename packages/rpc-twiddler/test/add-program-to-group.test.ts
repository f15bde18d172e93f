import { make_twiddler_rpcinterface } from '@supervisor-ts/rpc-twiddler';
import { XmlRpcBase64, XmlRpcDouble, type XmlRpcValue } from '@supervisor-ts/protocol';
import { call, FAKE_CONFIG_FILE, FakeConfigError, FakeExtensionHost, faultOf } from './fake-extension-host';

function setUp() {
  const host = new FakeExtensionHost([{ name: 'base', processes: [{ name: 'base', state: 'RUNNING', pid: 100 }] }, { name: 'dyn' }]);
  return { host, namespace: make_twiddler_rpcinterface(host, {}) };
}

describe.each(['addProgramToGroup', 'addProcessToGroup'])('twiddler.%s', (method) => {
  it('adds a program to a running group and returns true', async () => {
    const { host, namespace } = setUp();
    expect(await call(namespace, method, 'dyn', 'man1', { command: '/bin/sleep 1000', autostart: 'false' })).toBe(true);
    expect(host.findProcess('dyn', 'man1')?.options).toEqual({ command: '/bin/sleep 1000', autostart: 'false' });
  });

  it('passes numprocs on, so one call may add several processes', async () => {
    const { host, namespace } = setUp();
    await call(namespace, method, 'dyn', 'multi', {
      command: '/bin/sleep 1000',
      numprocs: '2',
      process_name: '%(program_name)s_%(process_num)d',
    });
    expect(host.findGroup('dyn')?.processes.map((p) => p.name)).toEqual(['multi_0', 'multi_1']);
  });

  it('accepts an array of [key, value] pairs instead of a struct', async () => {
    const { host, namespace } = setUp();
    expect(await call(namespace, method, 'dyn', 'pairs', [['command', '/bin/true']])).toBe(true);
    expect(host.findProcess('dyn', 'pairs')?.options).toEqual({ command: '/bin/true' });
  });

  it("hands ints, booleans and doubles to the parser in Python's str() spelling", async () => {
    const { host, namespace } = setUp();
    await call(namespace, method, 'dyn', 'typed', {
      command: '/bin/true',
      autostart: false,
      autorestart: true,
      startsecs: 0,
      stdout_logfile_maxbytes: 1024,
      stopwaitsecs: new XmlRpcDouble(3),
    });
    expect(host.findProcess('dyn', 'typed')?.options).toEqual({
      command: '/bin/true',
      autostart: 'False',
      autorestart: 'True',
      startsecs: '0',
      stdout_logfile_maxbytes: '1024',
      stopwaitsecs: '3.0',
    });
  });

  it('keeps a __proto__ key as a plain option', async () => {
    const { host, namespace } = setUp();
    const options = JSON.parse('{"command": "/bin/true", "__proto__": "x"}') as XmlRpcValue;
    await call(namespace, method, 'dyn', 'proto', options);
    const stored = host.findProcess('dyn', 'proto')?.options ?? {};
    expect(Object.getOwnPropertyDescriptor(stored, '__proto__')?.value).toBe('x');
  });

  it('answers BAD_NAME: group: <name> for a group that is not running', async () => {
    const { host, namespace } = setUp();
    expect(await faultOf(namespace, method, 'nope', 'p', { command: '/bin/true' })).toEqual({
      code: 10,
      text: 'BAD_NAME: group: nope',
    });
    expect(host.calls).toEqual([]);
  });

  it('looks the group up before it looks at the options', async () => {
    const { namespace } = setUp();
    expect(await faultOf(namespace, method, 'nope', 'p', 42)).toEqual({ code: 10, text: 'BAD_NAME: group: nope' });
  });

  it.each<XmlRpcValue>([42, 'command=/bin/true', true, null, [['command']], [['command', '/bin/true', 'x']], [[1, 'x']], ['ab']])(
    'answers a bare INCORRECT_PARAMETERS for options %j that are no mapping',
    async (options) => {
      const { host, namespace } = setUp();
      expect(await faultOf(namespace, method, 'dyn', 'p', options)).toEqual({ code: 2, text: 'INCORRECT_PARAMETERS' });
      expect(host.calls).toEqual([]);
    },
  );

  it.each<[XmlRpcValue, string]>([
    [null, "INCORRECT_PARAMETERS: program option 'autostart' has no value (nil)"],
    [['x'], "INCORRECT_PARAMETERS: program option 'autostart' must be a string, an int or a boolean"],
    [{ a: 'b' }, "INCORRECT_PARAMETERS: program option 'autostart' must be a string, an int or a boolean"],
    [new Date(0), "INCORRECT_PARAMETERS: program option 'autostart' must be a string, an int or a boolean"],
    [new XmlRpcBase64(Buffer.from('x')), "INCORRECT_PARAMETERS: program option 'autostart' must be a string, an int or a boolean"],
  ])('refuses an option value %j that no parser could read', async (value, text) => {
    const { host, namespace } = setUp();
    expect(await faultOf(namespace, method, 'dyn', 'p', { command: '/bin/true', autostart: value })).toEqual({ code: 2, text });
    expect(host.calls).toEqual([]);
  });

  it("reports the parser's configuration error word for word as INCORRECT_PARAMETERS", async () => {
    const { host, namespace } = setUp();
    expect(await faultOf(namespace, method, 'dyn', 'p', {})).toEqual({
      code: 2,
      text: `INCORRECT_PARAMETERS: program section program:p does not specify a command in section 'program:p' (file: '${FAKE_CONFIG_FILE}')`,
    });
    expect(await faultOf(namespace, method, 'dyn', 'p', { command: '/bin/true', autostart: 'maybe' })).toEqual({
      code: 2,
      text: `INCORRECT_PARAMETERS: not a valid boolean value: 'maybe' in section 'program:p' (file: '${FAKE_CONFIG_FILE}')`,
    });
    expect(host.findGroup('dyn')?.processes).toEqual([]);
  });

  it('builds the text from the section it was given when the error names none, and leaves out a missing file', async () => {
    const { host, namespace } = setUp();
    host.addProgramToGroup = () => {
      throw new FakeConfigError('bad thing', null, null);
    };
    expect(await faultOf(namespace, method, 'dyn', 'p', { command: 'x' })).toEqual({
      code: 2,
      text: "INCORRECT_PARAMETERS: bad thing in section 'program:p'",
    });
  });

  it('uses the message of a configuration error that has no detail', async () => {
    const { host, namespace } = setUp();
    host.addProgramToGroup = () => {
      const error = new Error('whole message');
      error.name = 'ConfigError';
      throw error;
    };
    expect(await faultOf(namespace, method, 'dyn', 'p', { command: 'x' })).toEqual({
      code: 2,
      text: 'INCORRECT_PARAMETERS: whole message',
    });
  });

  it('answers BAD_NAME: <process> for a name already in the group, adding nothing', async () => {
    const { host, namespace } = setUp();
    await call(namespace, method, 'dyn', 'man1', { command: '/bin/true', autostart: 'false' });
    expect(await faultOf(namespace, method, 'dyn', 'man1', { command: '/bin/sleep 1' })).toEqual({
      code: 10,
      text: 'BAD_NAME: man1',
    });
    expect(host.findGroup('dyn')?.processes.map((p) => p.name)).toEqual(['man1']);
  });

  it('allows a name that another group uses', async () => {
    const { host, namespace } = setUp();
    expect(await call(namespace, method, 'dyn', 'base', { command: '/bin/true' })).toBe(true);
    expect(host.findProcess('dyn', 'base')).toBeDefined();
  });

  it.each<[string, XmlRpcValue]>([
    ['group', 42],
    ['program', 42],
  ])('answers INCORRECT_PARAMETERS when the %s name is not a string', async (which, bad) => {
    const { namespace } = setUp();
    const args: XmlRpcValue[] = which === 'group' ? [bad, 'p', { command: 'x' }] : ['dyn', bad, { command: 'x' }];
    expect(await faultOf(namespace, method, ...args)).toEqual({ code: 2, text: 'INCORRECT_PARAMETERS' });
  });

  it('lets an unexpected host failure through unchanged', async () => {
    const { host, namespace } = setUp();
    const failure = new Error('disk on fire');
    host.addProgramToGroup = () => {
      throw failure;
    };
    await expect(call(namespace, method, 'dyn', 'p', { command: 'x' })).rejects.toBe(failure);
  });
});

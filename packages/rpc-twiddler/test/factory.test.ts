import twiddlerDefault, {
  make_twiddler_rpcinterface,
  UNAUTHENTICATED_INET_MESSAGE,
} from '@supervisor-ts/rpc-twiddler';
import { FakeExtensionHost } from './fake-extension-host';

describe('make_twiddler_rpcinterface', () => {
  it('is also the default export', () => {
    expect(twiddlerDefault).toBe(make_twiddler_rpcinterface);
  });

  it('publishes the twiddler namespace with the 1.0 methods and the historical ones', () => {
    const namespace = make_twiddler_rpcinterface(new FakeExtensionHost(), {});
    expect(namespace.name).toBe('twiddler');
    expect(namespace.methods.map((m) => m.name).sort()).toEqual([
      'addGroup',
      'addProcessToGroup',
      'addProgramToGroup',
      'getAPIVersion',
      'getGroupNames',
      'log',
      'removeGroup',
      'removeProcessFromGroup',
    ]);
  });

  it('reports the signatures the 1.0 extension reports', () => {
    const namespace = make_twiddler_rpcinterface(new FakeExtensionHost(), {});
    const signatures = Object.fromEntries(namespace.methods.map((m) => [m.name, m.signature]));
    expect(signatures).toEqual({
      addProgramToGroup: ['boolean', 'string', 'string', 'struct'],
      getAPIVersion: ['int'],
      getGroupNames: ['array'],
      log: ['boolean', 'string', 'string|int'],
      removeProcessFromGroup: ['boolean', 'string', 'string'],
      addGroup: ['boolean', 'string', 'int'],
      addProcessToGroup: ['boolean', 'string', 'string', 'struct'],
      removeGroup: ['boolean', 'string'],
    });
    for (const method of namespace.methods) expect(method.help.length).toBeGreaterThan(20);
  });

  it('ignores keys it does not know', () => {
    const host = new FakeExtensionHost();
    expect(() => make_twiddler_rpcinterface(host, { some_other_key: 'x', whitelist: '' })).not.toThrow();
    expect(host.logLines).toEqual([]);
  });

  describe('on an inet HTTP server without authentication', () => {
    it('refuses to load with a message that names the way out', () => {
      const host = new FakeExtensionHost();
      host.servers.inetWithoutAuth = true;
      expect(() => make_twiddler_rpcinterface(host, {})).toThrow(UNAUTHENTICATED_INET_MESSAGE);
      expect(UNAUTHENTICATED_INET_MESSAGE).toContain('allow_unauthenticated_inet = true');
      expect(UNAUTHENTICATED_INET_MESSAGE).toContain('[inet_http_server]');
    });

    it.each(['false', 'no', 'off', '0'])('still refuses with allow_unauthenticated_inet = %s', (value) => {
      const host = new FakeExtensionHost();
      host.servers.inetWithoutAuth = true;
      expect(() => make_twiddler_rpcinterface(host, { allow_unauthenticated_inet: value })).toThrow(
        UNAUTHENTICATED_INET_MESSAGE,
      );
    });

    it.each(['true', 'TRUE', 'yes', 'on', '1', ' true '])('loads with allow_unauthenticated_inet = %s', (value) => {
      const host = new FakeExtensionHost();
      host.servers.inetWithoutAuth = true;
      expect(make_twiddler_rpcinterface(host, { allow_unauthenticated_inet: value }).name).toBe('twiddler');
    });
  });

  it('loads when every server asks for a password, whatever allow_unauthenticated_inet says', () => {
    const host = new FakeExtensionHost();
    expect(make_twiddler_rpcinterface(host, { allow_unauthenticated_inet: 'false' }).name).toBe('twiddler');
  });

  it('rejects an allow_unauthenticated_inet value that is not a boolean', () => {
    expect(() => make_twiddler_rpcinterface(new FakeExtensionHost(), { allow_unauthenticated_inet: 'maybe' })).toThrow(
      "twiddler: allow_unauthenticated_inet is not a valid boolean value: 'maybe' (use true or false)",
    );
  });

  it('warns about whitelist entries that name no method', () => {
    const host = new FakeExtensionHost();
    make_twiddler_rpcinterface(host, { whitelist: 'getAPIVersion, twiddler.log, nope' });
    expect(host.logLines).toEqual([
      { level: 'WARN', message: 'twiddler: the whitelist names no such method: twiddler.log, nope' },
    ]);
  });
});

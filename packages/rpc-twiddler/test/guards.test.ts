import { make_twiddler_rpcinterface } from '@supervisor-ts/rpc-twiddler';
import type { XmlRpcValue } from '@supervisor-ts/protocol';
import { call, FakeExtensionHost, faultOf } from './fake-extension-host';

/** One valid call of every method, against a host holding group `dyn` with stopped process `p`. */
const VALID_CALLS: Array<[string, XmlRpcValue[]]> = [
  ['getAPIVersion', []],
  ['getGroupNames', []],
  ['log', ['hello']],
  ['addProgramToGroup', ['dyn', 'q', { command: '/bin/true', autostart: 'false' }]],
  ['removeProcessFromGroup', ['dyn', 'p']],
  ['addGroup', ['fresh', 10]],
  ['addProcessToGroup', ['dyn', 'r', { command: '/bin/true', autostart: 'false' }]],
  ['removeGroup', ['empty']],
];

function hostWithGroups(): FakeExtensionHost {
  return new FakeExtensionHost([{ name: 'dyn', processes: [{ name: 'p' }] }, { name: 'empty' }]);
}

describe('state guard', () => {
  it.each(VALID_CALLS)('%s answers SHUTDOWN_STATE while supervisord shuts down, and changes nothing', async (name, args) => {
    const host = hostWithGroups();
    const namespace = make_twiddler_rpcinterface(host, {});
    host.state = 'SHUTDOWN';
    expect(await faultOf(namespace, name, ...args)).toEqual({ code: 6, text: 'SHUTDOWN_STATE' });
    expect(host.calls).toEqual([]);
    expect(host.logLines).toEqual([]);
  });

  it.each(VALID_CALLS)('%s still works while supervisord restarts', async (name, args) => {
    const host = hostWithGroups();
    const namespace = make_twiddler_rpcinterface(host, {});
    host.state = 'RESTARTING';
    await expect(call(namespace, name, ...args)).resolves.not.toBeUndefined();
  });

  it('checks the state before the whitelist', async () => {
    const host = hostWithGroups();
    const namespace = make_twiddler_rpcinterface(host, { whitelist: 'getAPIVersion' });
    host.state = 'SHUTDOWN';
    expect(await faultOf(namespace, 'log', 'x')).toEqual({ code: 6, text: 'SHUTDOWN_STATE' });
  });
});

describe('whitelist', () => {
  it.each(VALID_CALLS)('%s answers fault 230 UNKNOWN: <method> when left out, and changes nothing', async (name, args) => {
    const host = hostWithGroups();
    const others = VALID_CALLS.map(([n]) => n).filter((n) => n !== name);
    const namespace = make_twiddler_rpcinterface(host, { whitelist: others.join(', ') });
    expect(await faultOf(namespace, name, ...args)).toEqual({ code: 230, text: `UNKNOWN: ${name}` });
    expect(host.calls).toEqual([]);
    expect(host.logLines).toEqual([]);
  });

  it.each(VALID_CALLS)('%s works when listed', async (name, args) => {
    const host = hostWithGroups();
    const namespace = make_twiddler_rpcinterface(host, { whitelist: ` ${name} ,,getAPIVersion` });
    await expect(call(namespace, name, ...args)).resolves.not.toBeUndefined();
  });

  it('keeps every method published, so listMethods and help still show them', () => {
    const namespace = make_twiddler_rpcinterface(hostWithGroups(), { whitelist: 'getAPIVersion,getGroupNames' });
    expect(namespace.methods).toHaveLength(8);
  });

  it('is case-sensitive and wants bare names', async () => {
    const namespace = make_twiddler_rpcinterface(hostWithGroups(), { whitelist: 'GETAPIVERSION, twiddler.getGroupNames' });
    expect(await faultOf(namespace, 'getAPIVersion')).toEqual({ code: 230, text: 'UNKNOWN: getAPIVersion' });
    expect(await faultOf(namespace, 'getGroupNames')).toEqual({ code: 230, text: 'UNKNOWN: getGroupNames' });
  });

  it.each(['', ' , ', '  '])('allows every method when it is empty (%j)', async (whitelist) => {
    const namespace = make_twiddler_rpcinterface(hostWithGroups(), { whitelist });
    await expect(call(namespace, 'log', 'x')).resolves.toBe(true);
  });
});

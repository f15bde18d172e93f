import { make_twiddler_rpcinterface } from '@supervisor-ts/rpc-twiddler';
import type { ProcessStateName } from '@supervisor-ts/protocol';
import { call, FakeExtensionHost, faultOf } from './fake-extension-host';

function setUp(state: ProcessStateName, pid = 0) {
  const host = new FakeExtensionHost([{ name: 'dyn', processes: [{ name: 'p', state, pid }, { name: 'other' }] }]);
  return { host, namespace: make_twiddler_rpcinterface(host, {}) };
}

describe('twiddler.removeProcessFromGroup', () => {
  it.each<ProcessStateName>(['STOPPED', 'EXITED', 'FATAL', 'UNKNOWN'])('removes a %s process and returns true', async (state) => {
    const { host, namespace } = setUp(state);
    expect(await call(namespace, 'removeProcessFromGroup', 'dyn', 'p')).toBe(true);
    expect(host.findGroup('dyn')?.processes.map((p) => p.name)).toEqual(['other']);
  });

  it.each<[ProcessStateName, number]>([
    ['RUNNING', 10],
    ['STARTING', 10],
    ['BACKOFF', 0],
    ['STOPPING', 10],
    ['EXITED', 10],
  ])('answers STILL_RUNNING for a %s process with pid %d, keeping it', async (state, pid) => {
    const { host, namespace } = setUp(state, pid);
    expect(await faultOf(namespace, 'removeProcessFromGroup', 'dyn', 'p')).toEqual({ code: 91, text: 'STILL_RUNNING: p' });
    expect(host.findProcess('dyn', 'p')).toBeDefined();
    expect(host.calls).toEqual([]);
  });

  it('answers BAD_NAME: group: <name> for an unknown group', async () => {
    const { namespace } = setUp('STOPPED');
    expect(await faultOf(namespace, 'removeProcessFromGroup', 'nogrp', 'x')).toEqual({ code: 10, text: 'BAD_NAME: group: nogrp' });
  });

  it('answers BAD_NAME: <name> for a process the group does not have', async () => {
    const { namespace } = setUp('STOPPED');
    expect(await faultOf(namespace, 'removeProcessFromGroup', 'dyn', 'nope')).toEqual({ code: 10, text: 'BAD_NAME: nope' });
  });

  it("turns the host's own refusals into the same faults", async () => {
    const { host, namespace } = setUp('STOPPED');
    host.removeProcessFromGroup = () => 'STILL_RUNNING';
    expect(await faultOf(namespace, 'removeProcessFromGroup', 'dyn', 'p')).toEqual({ code: 91, text: 'STILL_RUNNING: p' });
    host.removeProcessFromGroup = () => 'BAD_NAME';
    expect(await faultOf(namespace, 'removeProcessFromGroup', 'dyn', 'p')).toEqual({ code: 10, text: 'BAD_NAME: p' });
  });
});

import {
  decodeMethodResponse,
  encodeMethodCall,
  encodeMethodResponse,
  encodeValue,
  RpcFault,
  XmlRpcEncodedValue,
  type XmlRpcValue,
} from '@supervisor-ts/protocol';
import { RpcDispatcher } from '../../src/rpc/dispatcher';
import { createRpcRegistry } from '../../src/rpc/create-rpc-registry';
import { RpcRegistry, RpcRegistryError } from '../../src/rpc/registry';
import type { RpcNamespace } from '../../src/rpc/namespace';
import { FakeModel } from '../helpers/fake-model';

const demo: RpcNamespace = {
  name: 'demo',
  methods: [
    { name: 'echo', signature: ['string', 'string'], help: 'echo\n@param string s\n@return string', handler: (s) => s },
    { name: 'opt', signature: ['int', 'int', 'int'], help: 'opt', minArgs: 1, handler: (a, b) => (a as number) + ((b as number | undefined) ?? 0) },
    { name: 'fault', signature: ['boolean'], help: 'f', handler: () => { throw new RpcFault(230, 'log'); } },
    { name: 'boom', signature: ['boolean'], help: 'b', handler: () => { throw new TypeError('kaput'); } },
    { name: 'nothing', signature: ['boolean'], help: 'n', handler: () => null },
    { name: 'later', signature: ['int'], help: 'l', handler: () => new Promise((resolve) => setImmediate(() => resolve(7))) },
  ],
};

function setup() {
  const model = new FakeModel();
  const logs: string[] = [];
  const { registry, dispatcher } = createRpcRegistry(model, { log: (level, message) => logs.push(`${level} ${message}`) });
  registry.register(demo);
  return { model, registry, dispatcher, logs };
}

async function call(dispatcher: RpcDispatcher, method: string, ...params: XmlRpcValue[]) {
  const outcome = await dispatcher.handle(encodeMethodCall(method, params));
  if (outcome.status !== 200) throw new Error(`HTTP ${outcome.status}`);
  return decodeMethodResponse(outcome.body);
}

describe('RpcRegistry', () => {
  it('refuses duplicates, bad names and registration after start', () => {
    const registry = new RpcRegistry();
    registry.register(demo);
    expect(() => registry.register(demo)).toThrow(RpcRegistryError);
    expect(() => registry.register({ name: 'a.b', methods: [] })).toThrow(/invalid namespace name/);
    expect(() => registry.register({ name: 'x', methods: [demo.methods[0], demo.methods[0]] })).toThrow(/defined twice/);
    registry.start();
    expect(() => registry.register({ name: 'late', methods: [] })).toThrow(/already running/);
  });

  it('cannot replace system', () => {
    const { registry } = setup();
    expect(() => registry.register({ name: 'system', methods: [] })).toThrow(/already registered/);
  });
});

describe('RpcDispatcher', () => {
  it('calls methods and encodes results', async () => {
    const { dispatcher } = setup();
    expect(await call(dispatcher, 'demo.echo', 'hi')).toEqual({ kind: 'result', value: 'hi' });
    expect(await call(dispatcher, 'demo.opt', 2)).toEqual({ kind: 'result', value: 2 });
    expect(await call(dispatcher, 'demo.opt', 2, 3)).toEqual({ kind: 'result', value: 5 });
    expect(await call(dispatcher, 'demo.later')).toEqual({ kind: 'result', value: 7 });
  });

  it.each([['demo.nope'], ['nope.echo'], ['demo.echo.x'], ['demo'], ['demo._private'], ['demo.__proto__']])(
    '%p is UNKNOWN_METHOD',
    async (name) => {
      const { dispatcher } = setup();
      expect(await call(dispatcher, name, 'x')).toEqual({ kind: 'fault', faultCode: 1, faultString: 'UNKNOWN_METHOD' });
    },
  );

  it('checks the argument count', async () => {
    const { dispatcher } = setup();
    const bad = { kind: 'fault', faultCode: 2, faultString: 'INCORRECT_PARAMETERS' };
    expect(await call(dispatcher, 'demo.echo')).toEqual(bad);
    expect(await call(dispatcher, 'demo.echo', 'a', 'b')).toEqual(bad);
    expect(await call(dispatcher, 'demo.opt')).toEqual(bad);
    expect(await call(dispatcher, 'demo.opt', 1, 2, 3)).toEqual(bad);
    expect(await call(dispatcher, 'system.listMethods', 1)).toEqual(bad);
  });

  it('passes a handler fault through, spelling unknown codes UNKNOWN', async () => {
    const { dispatcher } = setup();
    expect(await call(dispatcher, 'demo.fault')).toEqual({ kind: 'fault', faultCode: 230, faultString: 'UNKNOWN: log' });
  });

  it('turns an unexpected exception or a missing value into a FAILED fault and logs it', async () => {
    const { dispatcher, logs } = setup();
    expect(await call(dispatcher, 'demo.boom')).toEqual({ kind: 'fault', faultCode: 30, faultString: 'FAILED: TypeError: kaput' });
    expect(await call(dispatcher, 'demo.nothing')).toEqual({ kind: 'fault', faultCode: 30, faultString: 'FAILED: demo.nothing returned no value' });
    expect(logs.filter((line) => line.startsWith('CRIT'))).toHaveLength(2);
  });

  it('answers 400 for bodies that are not a method call', async () => {
    const { dispatcher } = setup();
    for (const body of ['', 'garbage', '<methodCall><params/></methodCall>', '<methodCall><methodName></methodName></methodCall>', '<?xml version="1.0"?><!DOCTYPE x><methodCall/>']) {
      expect((await dispatcher.handle(body)).status).toBe(400);
    }
  });

  it('hands base64 parameters to methods as text', async () => {
    const { dispatcher } = setup();
    const body = "<methodCall><methodName>demo.echo</methodName><params><param><value><base64>aMOpbGxv</base64></value></param></params></methodCall>";
    const outcome = await dispatcher.handle(body);
    expect(outcome.status === 200 && decodeMethodResponse(outcome.body)).toEqual({ kind: 'result', value: 'héllo' });
  });
});

describe('RpcDispatcher: results that are already encoded', () => {
  const info = { name: 'web', pid: 7, description: 'a < b & c' };
  const kept = new XmlRpcEncodedValue(encodeValue(info));
  const encoded: RpcNamespace = {
    name: 'enc',
    methods: [
      { name: 'kept', signature: ['struct'], help: 'k', handler: () => kept },
      { name: 'fresh', signature: ['struct'], help: 'f', handler: () => new XmlRpcEncodedValue(encodeValue(info)) },
    ],
  };

  function encodedSetup() {
    const { registry, dispatcher } = createRpcRegistry(new FakeModel());
    registry.register(encoded);
    return dispatcher;
  }

  it('sends the same bytes as encoding the value, and reuses the document while the result is the same', async () => {
    const dispatcher = encodedSetup();
    const first = await dispatcher.handle(Buffer.from(encodeMethodCall('enc.kept')));
    const second = await dispatcher.handle(Buffer.from(encodeMethodCall('enc.kept')));
    expect(first.status === 200 && first.body.toString()).toBe(encodeMethodResponse(info));
    expect(first.status === 200 && second.status === 200 && second.body === first.body).toBe(true);
    const fresh = await dispatcher.handle(Buffer.from(encodeMethodCall('enc.fresh')));
    expect(fresh.status === 200 && fresh.body.toString()).toBe(encodeMethodResponse(info));
  });

  it('puts them into multicall results as they are', async () => {
    const dispatcher = encodedSetup();
    const calls = [{ methodName: 'enc.kept', params: [] }, { methodName: 'enc.fresh', params: [] }];
    expect(await call(dispatcher, 'system.multicall', calls)).toEqual({ kind: 'result', value: [info, info] });
  });
});

describe('system namespace', () => {
  it('lists every method, sorted, including the 41 of a plain supervisord', async () => {
    const model = new FakeModel();
    const { dispatcher } = createRpcRegistry(model);
    const listed = (await call(dispatcher, 'system.listMethods')) as { value: string[] };
    expect(listed.value).toEqual(
      ('supervisor.addProcessGroup supervisor.clearAllProcessLogs supervisor.clearLog supervisor.clearProcessLog ' +
        'supervisor.clearProcessLogs supervisor.getAPIVersion supervisor.getAllConfigInfo supervisor.getAllProcessInfo ' +
        'supervisor.getIdentification supervisor.getPID supervisor.getProcessInfo supervisor.getState ' +
        'supervisor.getSupervisorVersion supervisor.getVersion supervisor.readLog supervisor.readMainLog ' +
        'supervisor.readProcessLog supervisor.readProcessStderrLog supervisor.readProcessStdoutLog ' +
        'supervisor.reloadConfig supervisor.removeProcessGroup supervisor.restart supervisor.sendProcessStdin ' +
        'supervisor.sendRemoteCommEvent supervisor.shutdown supervisor.signalAllProcesses supervisor.signalProcess ' +
        'supervisor.signalProcessGroup supervisor.startAllProcesses supervisor.startProcess supervisor.startProcessGroup ' +
        'supervisor.stopAllProcesses supervisor.stopProcess supervisor.stopProcessGroup supervisor.tailProcessLog ' +
        'supervisor.tailProcessStderrLog supervisor.tailProcessStdoutLog system.listMethods system.methodHelp ' +
        'system.methodSignature system.multicall').split(' '),
    );
  });

  it('gives signatures exactly as Appendix B and help with matching @param/@return lines', async () => {
    const { dispatcher } = setup();
    const expected: Record<string, string[]> = {
      'supervisor.addProcessGroup': ['boolean', 'string'],
      'supervisor.clearAllProcessLogs': ['array'],
      'supervisor.clearLog': ['boolean'],
      'supervisor.clearProcessLog': ['boolean', 'string'],
      'supervisor.clearProcessLogs': ['boolean', 'string'],
      'supervisor.getAPIVersion': ['string'],
      'supervisor.getVersion': ['string'],
      'supervisor.getSupervisorVersion': ['string'],
      'supervisor.getIdentification': ['string'],
      'supervisor.getAllConfigInfo': ['array'],
      'supervisor.getAllProcessInfo': ['array'],
      'supervisor.getPID': ['int'],
      'supervisor.getProcessInfo': ['struct', 'string'],
      'supervisor.getState': ['struct'],
      'supervisor.readLog': ['string', 'int', 'int'],
      'supervisor.readMainLog': ['string', 'int', 'int'],
      'supervisor.readProcessLog': ['string', 'string', 'int', 'int'],
      'supervisor.readProcessStderrLog': ['string', 'string', 'int', 'int'],
      'supervisor.readProcessStdoutLog': ['string', 'string', 'int', 'int'],
      'supervisor.reloadConfig': ['array'],
      'supervisor.removeProcessGroup': ['boolean', 'string'],
      'supervisor.restart': ['boolean'],
      'supervisor.shutdown': ['boolean'],
      'supervisor.sendProcessStdin': ['boolean', 'string', 'string'],
      'supervisor.sendRemoteCommEvent': ['boolean', 'string', 'string'],
      'supervisor.signalAllProcesses': ['array', 'string'],
      'supervisor.signalProcess': ['boolean', 'string', 'string'],
      'supervisor.signalProcessGroup': ['array', 'string', 'string'],
      'supervisor.startAllProcesses': ['array', 'boolean'],
      'supervisor.stopAllProcesses': ['array', 'boolean'],
      'supervisor.startProcess': ['boolean', 'string', 'boolean'],
      'supervisor.stopProcess': ['boolean', 'string', 'boolean'],
      'supervisor.startProcessGroup': ['array', 'string', 'boolean'],
      'supervisor.stopProcessGroup': ['array', 'string', 'boolean'],
      'supervisor.tailProcessLog': ['array', 'string', 'int', 'int'],
      'supervisor.tailProcessStderrLog': ['array', 'string', 'int', 'int'],
      'supervisor.tailProcessStdoutLog': ['array', 'string', 'int', 'int'],
      'system.listMethods': ['array'],
      'system.methodHelp': ['string', 'string'],
      'system.methodSignature': ['array', 'string'],
      'system.multicall': ['array', 'array'],
    };
    for (const [name, signature] of Object.entries(expected)) {
      expect(await call(dispatcher, 'system.methodSignature', name)).toEqual({ kind: 'result', value: signature });
      const help = (await call(dispatcher, 'system.methodHelp', name)) as { value: string };
      const fromHelp = [
        ...help.value.split('\n').filter((l) => l.startsWith('@return ')).map((l) => l.split(' ')[1]),
        ...help.value.split('\n').filter((l) => l.startsWith('@param ')).map((l) => l.split(' ')[1]),
      ];
      expect(fromHelp).toEqual(signature);
    }
  });

  it('refuses help and signatures for unknown names', async () => {
    const { dispatcher } = setup();
    const unsupported = { kind: 'fault', faultCode: 4, faultString: 'SIGNATURE_UNSUPPORTED' };
    expect(await call(dispatcher, 'system.methodHelp', 'nope.nope')).toEqual(unsupported);
    expect(await call(dispatcher, 'system.methodSignature', 5)).toEqual(unsupported);
  });

  it('multicall returns bare values and fault structs in order, as 4.2.5', async () => {
    const { dispatcher, model } = setup();
    model.state = 'RUNNING';
    const result = await call(dispatcher, 'system.multicall', [
      { methodName: 'supervisor.getState' },
      { methodName: 'supervisor.getProcessInfo', params: ['nope'] },
      { methodName: 'nope.nope', params: [] },
      { methodName: 'system.multicall', params: [[]] },
      { params: [] },
      { methodName: 'supervisor.getPID', params: [1, 2] },
      { methodName: 'demo.echo', params: 'x' },
      { methodName: 'demo.later', params: [] },
      { methodName: 'demo.boom', params: [] },
      { methodName: 'supervisor.getAPIVersion', params: [] },
      'not a struct',
    ]);
    expect(result).toEqual({
      kind: 'result',
      value: [
        { statecode: 1, statename: 'RUNNING' },
        { faultCode: 10, faultString: 'BAD_NAME: nope' },
        { faultCode: 1, faultString: 'UNKNOWN_METHOD' },
        { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden' },
        { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: No methodName' },
        { faultCode: 2, faultString: 'INCORRECT_PARAMETERS' },
        'x',
        7,
        { faultCode: 30, faultString: 'FAILED: TypeError: kaput' },
        '3.0',
        { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: each call must be a struct' },
      ],
    });
    expect(await call(dispatcher, 'system.multicall', [])).toEqual({ kind: 'result', value: [] });
    expect(await call(dispatcher, 'system.multicall', 'x')).toEqual({
      kind: 'fault',
      faultCode: 2,
      faultString: 'INCORRECT_PARAMETERS: calls must be an array',
    });
  });

  it('keeps working during shutdown while supervisor.* is guarded, also inside multicall', async () => {
    const { dispatcher, model } = setup();
    model.state = 'SHUTDOWN';
    expect(((await call(dispatcher, 'system.listMethods')) as { value: string[] }).value.length).toBeGreaterThan(41);
    expect(await call(dispatcher, 'system.multicall', [{ methodName: 'supervisor.getState' }])).toEqual({
      kind: 'result',
      value: [{ faultCode: 6, faultString: 'SHUTDOWN_STATE' }],
    });
  });
});

import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RpcFault, type XmlRpcStruct, type XmlRpcValue } from '@supervisor-ts/protocol';
import { ConnectionError, HttpStatusError, XmlRpcClient } from '../../src/rpc';
import { startRealSupervisord, type RealSupervisord } from '../../../../test/helpers/real-supervisord';

const PROGRAMS = `
[program:talker]
command=/bin/sh -c 'printf "hello \\001\\033[31mred & <tag>\\n"; exec sleep 1000'
startsecs=0
autostart=true

[program:idle]
command=/bin/sleep 1000
autostart=false
startsecs=0
`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function readUntil(stream: NodeJS.ReadableStream, needle: string, timeoutMs = 10000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${JSON.stringify(needle)} in stream; got ${JSON.stringify(text)}`)), timeoutMs);
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes(needle)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
  });
}

describe('XmlRpcClient against the real supervisord 4.2.5', () => {
  let real: RealSupervisord;
  const clients: XmlRpcClient[] = [];
  const client = (url: string, auth?: { username?: string; password?: string }) => {
    const made = new XmlRpcClient(url, auth);
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    real = await startRealSupervisord({ programs: PROGRAMS, inet: true, auth: { username: 'bob', password: 'p:w é' } });
  });
  afterAll(async () => {
    for (const made of clients) made.close();
    await real?.stop();
  });

  const good = { username: 'bob', password: 'p:w é' };

  it.each(['unix', 'inet'])('calls methods over %s', async (kind) => {
    const url = kind === 'unix' ? real.unixUrl : real.inetUrl!;
    const rpc = client(url, good);
    expect(await rpc.call('supervisor.getVersion')).toBe('3.0');
    expect(await rpc.call('supervisor.getState')).toEqual({ statecode: 1, statename: 'RUNNING' });
    expect(await rpc.call('supervisor.getPID')).toBe(real.pid);
    const methods = (await rpc.call('system.listMethods')) as string[];
    expect(methods).toHaveLength(41);
    const infos = (await rpc.call('supervisor.getAllProcessInfo')) as XmlRpcStruct[];
    expect(infos.map((info) => info.name)).toEqual(['idle', 'talker']);
  });

  it('rejects with RpcFault keeping the fault code and string, and the connection stays usable', async () => {
    const rpc = client(real.unixUrl, good);
    const error = await rpc.call('supervisor.getProcessInfo', 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcFault);
    expect((error as RpcFault).code).toBe(10);
    expect((error as RpcFault).faultString).toBe('BAD_NAME: nope');
    expect((error as RpcFault).detail).toBe('nope');
    const unknown = await rpc.call('nope.nope').catch((e: unknown) => e);
    expect((unknown as RpcFault).faultString).toBe('UNKNOWN_METHOD');
    expect(await rpc.call('supervisor.getAPIVersion')).toBe('3.0');
  });

  it('passes params of several types and reads wait-style results', async () => {
    const rpc = client(real.inetUrl!, good);
    expect(await rpc.call('supervisor.startProcess', 'idle', true)).toBe(true);
    const results = (await rpc.call('supervisor.stopProcessGroup', 'idle', true)) as XmlRpcValue[];
    expect(results).toEqual([{ name: 'idle', group: 'idle', status: 80, description: 'OK' }]);
    const multi = (await rpc.call('system.multicall', [
      { methodName: 'supervisor.getAPIVersion', params: [] },
      { methodName: 'supervisor.getProcessInfo', params: ['nope'] },
    ])) as XmlRpcValue[];
    expect(multi).toEqual(['3.0', { faultCode: 10, faultString: 'BAD_NAME: nope' }]);
  });

  it('reads log text holding raw control characters as the real server sends them', async () => {
    const rpc = client(real.unixUrl, good);
    const text = await waitFor('talker output', async () => {
      const log = (await rpc.call('supervisor.readProcessStdoutLog', 'talker', 0, 0)) as string;
      return log.includes('\n') ? log : undefined;
    });
    expect(text).toBe('hello \x01\x1b[31mred & <tag>\n');
    const tail = (await rpc.call('supervisor.tailProcessStdoutLog', 'talker', 0, 5)) as XmlRpcValue[];
    expect(tail).toEqual(['tag>\n', Buffer.byteLength(text), true]);
  });

  it.each(['unix', 'inet'])('reports 401 over %s without or with wrong credentials', async (kind) => {
    const url = kind === 'unix' ? real.unixUrl : real.inetUrl!;
    for (const auth of [undefined, { username: 'bob', password: 'wrong' }, { username: 'eve', password: 'p:w é' }]) {
      const error = await client(url, auth).call('supervisor.getVersion').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpStatusError);
      expect((error as HttpStatusError).status).toBe(401);
    }
  });

  it('reports a missing unix socket and a refused TCP port as ConnectionError', async () => {
    const missing = await client(`unix://${path.join(os.tmpdir(), `no-such-${process.pid}.sock`)}`)
      .call('supervisor.getVersion')
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConnectionError);
    expect((missing as ConnectionError).code).toBe('ENOENT');

    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const refused = await client(`http://127.0.0.1:${closedPort}`).call('supervisor.getVersion').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect((refused as ConnectionError).code).toBe('ECONNREFUSED');
  });

  it.each(['unix', 'inet'])('streams /logtail and /mainlogtail over %s', async (kind) => {
    const url = kind === 'unix' ? real.unixUrl : real.inetUrl!;
    const rpc = client(url, good);
    const logtail = await rpc.stream('/logtail/talker/stdout');
    try {
      expect(logtail.status).toBe(200);
      expect(await readUntil(logtail.body, 'red & <tag>\n')).toContain('hello \x01');
    } finally {
      logtail.close();
    }
    const main = await rpc.stream('/mainlogtail');
    try {
      expect(main.status).toBe(200);
      // Make supervisord log a fresh line while the stream is open, and see it arrive.
      let text = '';
      main.body.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      expect(await rpc.call('supervisor.startProcess', 'idle', false)).toBe(true);
      const { pid } = (await rpc.call('supervisor.getProcessInfo', 'idle')) as { pid: number };
      await waitFor('the spawn line in /mainlogtail', async () => (text.includes(`spawned: 'idle' with pid ${pid}\n`) ? true : undefined));
      expect(await rpc.call('supervisor.stopProcess', 'idle', true)).toBe(true);
    } finally {
      main.close();
    }
    const missing = await rpc.stream('/logtail/nope/stdout');
    missing.close();
    expect(missing.status).toBe(404);
    const unauthorized = await client(url).stream('/mainlogtail');
    unauthorized.close();
    expect(unauthorized.status).toBe(401);
  });
});

/**
 * The fast XML-RPC path must answer exactly as node:http does. Two sets of servers run side by
 * side on the same model, one with the fast path and one without; every script of raw requests
 * must get the same bytes from both (Date aside).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { InetHttpServerConfig, UnixHttpServerConfig } from '../../src/config/types';
import { startHttpServers, type HttpServersHandle } from '../../src/http';
import { createRpcRegistry } from '../../src/rpc/create-rpc-registry';
import { FakeModel, groupConfig, processConfig } from '../helpers/fake-model';

type Target = { port: number } | { path: string };

const call = (method: string, params = ''): string =>
  `<?xml version='1.0'?>\n<methodCall>\n<methodName>${method}</methodName>\n<params>\n${params}</params>\n</methodCall>\n`;

function post(body: string, extra = '', target = '/RPC2', version = '1.1'): string {
  return `POST ${target} HTTP/${version}\r\nHost: localhost\r\nContent-Type: text/xml\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

const basic = (user: string, pass: string) => `Authorization: Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}\r\n`;
const GET_STATE = call('supervisor.getState');
const ALL_INFO = call('supervisor.getAllProcessInfo');

/** Complete responses at the start of `data`, and where they end (by Content-Length). */
function completeResponses(data: Buffer): { count: number; end: number } {
  let offset = 0;
  let count = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', offset);
    if (headEnd === -1) return { count, end: offset };
    const head = data.toString('latin1', offset, headEnd);
    const length = /\r\nContent-Length: (\d+)/i.exec(head);
    const bodyEnd = headEnd + 4 + (length ? Number(length[1]) : 0);
    if (data.length < bodyEnd) return { count, end: offset };
    count += 1;
    offset = bodyEnd;
  }
}

interface Exchange {
  /** Everything received, with the clock blanked (Date, `now`, uptimes). */
  text: string;
  /** Whether the server closed the connection. */
  closed: boolean;
}

/**
 * The two servers answer at different moments, possibly on either side of a second's boundary:
 * blank what reads the clock (same width, so Content-Length stays comparable).
 */
function withoutClock(text: string): string {
  return text
    .replace(/\r\nDate: [^\r]*/g, '\r\nDate: X')
    .replace(/(<name>now<\/name>\n<value><int>)\d+/g, (_all, head: string) => `${head}N`)
    .replace(/uptime \d+:\d\d:\d\d/g, 'uptime H:MM:SS');
}

interface ExchangeOptions {
  /** Half-close after the last part. */
  halfClose?: boolean;
  /** How many answers must be in before each part is written (default 0). */
  waitFor?: number[];
  /** Also required before part `index` is written (checked until it holds). */
  gate?: (index: number) => boolean;
}

/**
 * Writes each part once its conditions hold, then waits for `responses` answers in all, or for
 * the server to close.
 */
function exchange(target: Target, parts: string[], responses: number, options: ExchangeOptions = {}): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = 'port' in target ? net.connect(target.port, '127.0.0.1') : net.connect(target.path);
    let data = Buffer.alloc(0);
    let closed = false;
    let next = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`exchange timed out; got ${JSON.stringify(data.toString('latin1'))}`));
    }, 10000);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: withoutClock(data.toString('latin1')), closed });
    };
    const writeDue = (): void => {
      const got = completeResponses(data).count;
      while (next < parts.length && got >= (options.waitFor?.[next] ?? 0)) {
        if (options.gate && !options.gate(next)) {
          setTimeout(writeDue, 5);
          return;
        }
        socket.write(parts[next]);
        next += 1;
        if (next === parts.length && options.halfClose) socket.end();
      }
    };
    socket.on('connect', writeDue);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (completeResponses(data).count >= responses) finish();
      else writeDue();
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('error', reject);
  });
}

describe('fast XML-RPC path', () => {
  let dir: string;
  let fast: HttpServersHandle;
  let reference: HttpServersHandle;
  const nodeRequests = { fast: 0, reference: 0 };
  let releaseLater: (() => void)[] = [];

  const targets = (handle: HttpServersHandle): { tcp: Target; unix: Target } => ({
    tcp: { port: (handle.servers[0].server.address() as net.AddressInfo).port },
    unix: { path: (handle.servers[1].config as UnixHttpServerConfig).file },
  });

  /**
   * Runs the same script against both and returns the fast server's exchange after comparing.
   * `gate` gets the count of requests node:http has seen on that server.
   */
  async function same(
    transport: 'tcp' | 'unix',
    parts: string[],
    responses: number,
    options: Omit<ExchangeOptions, 'gate'> & { gate?: (index: number, nodeSeen: number) => boolean } = {},
  ): Promise<Exchange> {
    const { gate } = options;
    const on = (server: keyof typeof nodeRequests): ExchangeOptions => ({
      ...options,
      gate: gate && ((index) => gate(index, nodeRequests[server])),
    });
    const ours = await exchange(targets(fast)[transport], parts, responses, on('fast'));
    const theirs = await exchange(targets(reference)[transport], parts, responses, on('reference'));
    expect(ours).toEqual(theirs);
    return ours;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fast-rpc-'));
    const model = new FakeModel([groupConfig('web', [processConfig('w1'), processConfig('w2')]), groupConfig('db', [processConfig('db')])]);
    const web = model.group('web').process('w1');
    web.state = 'RUNNING';
    web.pid = 4242;
    web.startTime = Date.now() / 1000 - 65;
    const start = async (name: string, fastRpcPath: boolean): Promise<HttpServersHandle> => {
      const { registry, dispatcher } = createRpcRegistry(model);
      registry.register({
        name: 'slow',
        methods: [
          {
            name: 'later',
            signature: ['string'],
            help: 'Answers when the test says so.',
            handler: () => new Promise((resolve) => releaseLater.push(() => resolve('late'))),
          },
        ],
      });
      const inet: InetHttpServerConfig = {
        family: 'inet', section: 'inet_http_server', name: null, host: '127.0.0.1', port: 0, username: null, password: null,
      };
      const unix: UnixHttpServerConfig = {
        family: 'unix', section: 'unix_http_server', name: null, file: path.join(dir, `${name}.sock`), chmod: 0o700, chown: [-1, -1],
        username: 'user', password: `{SHA}${crypto.createHash('sha1').update('pass').digest('hex')}`,
      };
      return startHttpServers([inet, unix], { registry, dispatcher, model, fastRpcPath });
    };
    fast = await start('fast', true);
    reference = await start('reference', false);
    for (const running of fast.servers) running.server.on('request', () => (nodeRequests.fast += 1));
    for (const running of reference.servers) running.server.on('request', () => (nodeRequests.reference += 1));
  });

  afterAll(async () => {
    for (const release of releaseLater) release();
    await fast?.close();
    await reference?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers plain requests itself, with the bytes node:http sends', async () => {
    const before = nodeRequests.fast;
    for (const transport of ['tcp', 'unix'] as const) {
      const auth = transport === 'unix' ? basic('user', 'pass') : '';
      const state = await same(transport, [post(GET_STATE, auth)], 1);
      expect(state.text).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: Medusa\/1\.12\r\nDate: X\r\nContent-Type: text\/xml\r\nContent-Length: \d+\r\nConnection: keep-alive\r\nKeep-Alive: timeout=1800\r\n\r\n<\?xml/);
      const all = await same(transport, [post(ALL_INFO, auth), post(ALL_INFO, auth)], 2, { waitFor: [0, 1] });
      expect(all.text).toContain('<name>now</name>\n<value><int>N</int></value>');
      expect(all.text).toContain('uptime H:MM:SS');
      await same(transport, [post(call('supervisor.getProcessInfo', '<param>\n<value><string>web:w1</string></value>\n</param>\n'), auth)], 1);
      await same(transport, [post(call('supervisor.nope'), auth)], 1);
      await same(transport, [post('<not xml', auth)], 1);
      await same(transport, [post(GET_STATE, auth, '/RPC2/x?y')], 1);
    }
    expect(nodeRequests.fast).toBe(before);
  });

  it.each<[string, string[], number]>([
    ['HTTP/1.0', [post(GET_STATE, '', '/RPC2', '1.0')], 1],
    ['Connection: close', [post(GET_STATE, 'Connection: close\r\n')], 1],
    ['Connection: keep-alive', [post(GET_STATE, 'Connection: keep-alive\r\n')], 1],
    ['Expect: 100-continue', [post(GET_STATE, 'Expect: 100-continue\r\n')], 2],
    ['a chunked body', [`POST /RPC2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${GET_STATE.length.toString(16)}\r\n${GET_STATE}\r\n0\r\n\r\n`], 1],
    ['no Content-Length', ['POST /RPC2 HTTP/1.1\r\nHost: x\r\n\r\n'], 1],
    ['GET on /RPC2', ['GET /RPC2 HTTP/1.1\r\nHost: x\r\n\r\n'], 1],
    ['a path with no route', [post(GET_STATE, '', '/nothing')], 1],
    ['two requests in one write', [post(GET_STATE) + post(ALL_INFO)], 2],
  ])('leaves %s to node:http, which answers as before', async (_what, parts, responses) => {
    const before = nodeRequests.fast;
    await same('tcp', parts, responses);
    expect(nodeRequests.fast).toBeGreaterThan(before);
  });

  it('leaves a request without Host to node:http, which refuses it as before', async () => {
    const refused = await same('tcp', [`POST /RPC2 HTTP/1.1\r\nContent-Length: ${GET_STATE.length}\r\n\r\n${GET_STATE}`], 1);
    expect(refused.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it('leaves a request that arrives in two reads to node:http', async () => {
    const request = post(GET_STATE);
    const split = request.length - 10;
    let seen = 0;
    // The second part goes out only once node:http has read the head of the first.
    await same('tcp', [request.slice(0, split), request.slice(split)], 1, {
      gate: (index, nodeSeen) => {
        if (index === 0) seen = nodeSeen;
        return index === 0 || nodeSeen > seen;
      },
    });
  });

  it('checks credentials on every request, leaving refusals to node:http', async () => {
    const before = nodeRequests.fast;
    const refused = await same('unix', [post(GET_STATE, basic('user', 'wrong'))], 2);
    expect(refused.text).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(refused.closed).toBe(true);
    await same('unix', [post(GET_STATE)], 1);
    expect(nodeRequests.fast).toBe(before + 2);
    // Accepted once on a connection, a different header there is checked again.
    const mixed = await same('unix', [post(GET_STATE, basic('user', 'pass')), post(GET_STATE, basic('user', 'nope'))], 2, { waitFor: [0, 1] });
    expect(mixed.text).toMatch(/^HTTP\/1\.1 200 OK[^]*HTTP\/1\.1 401 Unauthorized/);
  });

  it('keeps answering on a connection it handed over, in order', async () => {
    const script = [post(GET_STATE), post(GET_STATE, 'Connection: keep-alive\r\n'), post(ALL_INFO), post(GET_STATE)];
    const result = await same('tcp', script, 4, { waitFor: [0, 1, 2, 3] });
    expect(result.text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(4);
  });

  it('answers one request at a time: a second request waits for a slow first one', async () => {
    const socket = net.connect((targets(fast).tcp as { port: number }).port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    try {
      socket.write(post(call('slow.later')));
      await waitUntil('the slow call to start', () => releaseLater.length > 0);
      socket.write(post(GET_STATE));
      await new Promise((resolve) => setImmediate(resolve));
      expect(text).toBe('');
      releaseLater.shift()!();
      await waitUntil('both answers', () => completeResponses(Buffer.from(text, 'latin1')).count === 2);
      expect(text.indexOf('late')).toBeLessThan(text.indexOf('statename'));
    } finally {
      socket.destroy();
    }
  });

  it('answers a request followed by a half-close, then closes, as node:http does', async () => {
    const result = await same('tcp', [post(GET_STATE)], 2, { halfClose: true });
    expect(result.closed).toBe(true);
    expect(result.text).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('drops a slow answer when the client half-closes first, then closes, as node:http does', async () => {
    const result = await same('tcp', [post(call('slow.later'))], 1, { halfClose: true });
    expect(result).toEqual({ text: '', closed: true });
    for (const release of releaseLater.splice(0)) release();
  });

  it('closes idle connections after the keep-alive timeout, announcing it as node:http does', async () => {
    for (const handle of [fast, reference]) handle.servers[0].server.keepAliveTimeout = 200;
    try {
      const result = await same('tcp', [post(GET_STATE)], 2);
      expect(result.closed).toBe(true);
      expect(result.text).toContain('\r\nKeep-Alive: timeout=0\r\n');
    } finally {
      for (const handle of [fast, reference]) handle.servers[0].server.keepAliveTimeout = 30 * 60 * 1000;
    }
  });

  it('drops its idle connections when the servers close', async () => {
    const other = await startFastTcpServer();
    const port = (other.servers[0].server.address() as net.AddressInfo).port;
    const socket = net.connect(port, '127.0.0.1');
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    let answered = '';
    socket.on('data', (chunk: Buffer) => (answered += chunk.toString('latin1')));
    socket.write(post(GET_STATE));
    await waitUntil('the answer', () => completeResponses(Buffer.from(answered, 'latin1')).count === 1);
    await other.close();
    await ended;
  });
});

async function waitUntil(what: string, probe: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One more TCP server with the fast path, for tests that close it. */
async function startFastTcpServer(): Promise<HttpServersHandle> {
  const model = new FakeModel([groupConfig('web', [processConfig('w1')])]);
  const { registry, dispatcher } = createRpcRegistry(model);
  const inet: InetHttpServerConfig = {
    family: 'inet', section: 'inet_http_server', name: null, host: '127.0.0.1', port: 0, username: null, password: null,
  };
  return startHttpServers([inet], { registry, dispatcher, model, fastRpcPath: true });
}

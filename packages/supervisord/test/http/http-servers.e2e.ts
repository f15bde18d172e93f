import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { InetHttpServerConfig, UnixHttpServerConfig } from '../../src/config/types';
import { HttpServerStartError, startHttpServers, type HttpServersHandle } from '../../src/http';
import { createRpcRegistry } from '../../src/rpc/create-rpc-registry';
import { FakeModel, groupConfig, processConfig } from '../helpers/fake-model';
import { XmlRpcClient } from '../../../supervisorctl/src/rpc';
import { RpcFault } from '@supervisor-ts/protocol';

const PYTHON = '/usr/bin/python3';
const SUPERVISORCTL = '/usr/bin/supervisorctl';
const PROBE = path.join(__dirname, 'python-probe.py');

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 20000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Sends raw bytes, collects everything until the server closes or `until` matches. */
function rawExchange(target: { port: number } | { path: string }, request: string, until?: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = 'port' in target ? net.connect(target.port, '127.0.0.1') : net.connect(target.path);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`raw exchange timed out; got ${JSON.stringify(text)}`));
    }, 10000);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    };
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      if (until && until.test(text)) finish();
    });
    socket.on('end', finish);
    socket.on('error', reject);
    socket.write(request);
  });
}

function rpcRequest(body: string, extra = ''): string {
  return `POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

const basic = (user: string, pass: string) => `Authorization: Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}\r\n`;
const GET_VERSION = "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getVersion</methodName>\n<params>\n</params>\n</methodCall>\n";

async function waitFor(what: string, probe: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('HTTP servers with the real Python client and supervisorctl', () => {
  let dir: string;
  let model: FakeModel;
  let handle: HttpServersHandle;
  let port: number;
  let socketPath: string;
  const connections: number[] = [0, 0];
  const logs: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-e2e-'));
    socketPath = path.join(dir, 'supervisor.sock');
    model = new FakeModel([
      groupConfig('alpha', [processConfig('alpha')]),
      groupConfig('later', [processConfig('later')]),
      groupConfig('grp', [processConfig('ga'), processConfig('gb')]),
    ]);
    model.mainLogPath = path.join(dir, 'supervisord.log');
    fs.writeFileSync(model.mainLogPath, 'main log line\n');
    const alpha = model.group('alpha').process('alpha');
    alpha.state = 'RUNNING';
    alpha.pid = 4242;
    alpha.startTime = Date.now() / 1000 - 65;
    alpha.stdoutLogPath = path.join(dir, 'alpha-stdout.log');
    alpha.stderrLogPath = path.join(dir, 'alpha-stderr.log');
    fs.writeFileSync(alpha.stdoutLogPath, 'hello \x1b[31mred\x1b[0m & <b>\n');
    // 'later' answers a wait=true start only when it reaches RUNNING, on the next turn of the loop.
    model.group('later').process('later').onStart = (p) => {
      p.startTime = Date.now() / 1000;
      p.setState('STARTING');
      setTimeout(() => p.setState('RUNNING'), 50);
      return null;
    };
    const { registry, dispatcher } = createRpcRegistry(model);
    const inet: InetHttpServerConfig = {
      family: 'inet', section: 'inet_http_server', name: null, host: '127.0.0.1', port: 0,
      username: 'user', password: `{SHA}${crypto.createHash('sha1').update('s3cret').digest('hex')}`,
    };
    const unix: UnixHttpServerConfig = {
      family: 'unix', section: 'unix_http_server', name: null, file: socketPath, chmod: 0o700, chown: [-1, -1],
      username: 'uu', password: 'pp:x',
    };
    // A stale socket file left behind by a dead daemon must be replaced.
    const stale = net.createServer().listen(socketPath);
    await new Promise((resolve) => stale.once('listening', resolve));
    await new Promise((resolve) => stale.close(resolve));
    fs.writeFileSync(socketPath, ''); // a leftover file nobody listens on
    const stderr: string[] = [];
    handle = await startHttpServers([inet, unix], { registry, dispatcher, model, log: (l, m) => logs.push(`${l} ${m}`), stderr: (t) => stderr.push(t) });
    expect(stderr).toEqual([`Unlinking stale socket ${socketPath}\n`]);
    handle.servers[0].server.on('connection', () => (connections[0] += 1));
    handle.servers[1].server.on('connection', () => (connections[1] += 1));
    port = (handle.servers[0].server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports its URLs and applies chmod to the socket', () => {
    expect(handle.servers.map((s) => s.url)).toEqual([`http://127.0.0.1:${port}`, `unix://${socketPath}`]);
    expect(fs.statSync(socketPath).mode & 0o777).toBe(0o700);
  });

  it.each(['inet', 'unix'])('serves Python xmlrpc.client over %s, with auth, keep-alive across faults', async (kind) => {
    const index = kind === 'inet' ? 0 : 1;
    const later = model.group('later').process('later');
    later.setState('STOPPED');
    const before = connections[index];
    const good = kind === 'inet' ? `http://user:s3cret@127.0.0.1:${port}` : 'http://uu:pp%3Ax@localhost';
    const bad =
      kind === 'inet'
        ? [`http://127.0.0.1:${port}`, `http://user:wrong@127.0.0.1:${port}`, `http://user:${encodeURIComponent(`{SHA}${crypto.createHash('sha1').update('s3cret').digest('hex')}`)}@127.0.0.1:${port}`]
        : ['http://localhost', 'http://uu:pp@localhost', 'http://uu:pp%3Axy@localhost'];
    const result = await run(PYTHON, [PROBE, good, JSON.stringify(bad), kind === 'unix' ? socketPath : '']);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.version).toEqual(['ok', '3.0']);
    expect(out.state).toEqual(['ok', { statecode: 1, statename: 'RUNNING' }]);
    expect(out.fault).toEqual(['fault', 10, 'BAD_NAME: nope']);
    expect(out.after_fault).toEqual(['ok', '3.0']);
    expect(out.info[1]).toMatchObject({ name: 'alpha', statename: 'RUNNING', pid: 4242, description: expect.stringMatching(/^pid 4242, uptime 0:01:\d\d$/) });
    expect(out.all).toEqual(['ok', ['alpha', 'ga', 'gb', 'later']]);
    expect(out.methods).toEqual(['ok', 41]);
    expect(out.unknown).toEqual(['fault', 1, 'UNKNOWN_METHOD']);
    expect(out.multicall).toEqual(['ok', ['3.0', { faultCode: 10, faultString: 'BAD_NAME: nope' }]]);
    // The escape character cannot travel in XML: it arrives as U+FFFD and Python parses the rest.
    expect(out.log).toEqual(['ok', 'hello \uFFFD[31mred\uFFFD[0m & <b>\n']);
    expect(out.tail).toEqual(['ok', [' <b>\n', 25, true]]);
    expect(out.binary_stdin).toEqual(['ok', true]);
    expect(out.wait_start).toEqual(['ok', true]);
    expect(out.bad).toEqual([['http', 401], ['http', 401], ['http', 401]]);
    // One connection for all good calls (faults included), one per bad proxy.
    expect(connections[index] - before).toBe(1 + bad.length);
    expect(later.state).toBe('RUNNING');
    later.setState('STOPPED');
    expect(Buffer.concat(model.group('alpha').process('alpha').stdin).toString('utf8')).toContain('hé\n');
  });

  it('serves our own XmlRpcClient on one kept-alive connection across a fault', async () => {
    const client = new XmlRpcClient(`unix://${socketPath}`, { username: 'uu', password: 'pp:x' });
    try {
      const before = connections[1];
      expect(await client.call('supervisor.getAPIVersion')).toBe('3.0');
      await expect(client.call('supervisor.stopProcess', 'grp:ga')).rejects.toEqual(new RpcFault(70, 'grp:ga'));
      expect(await client.call('supervisor.getProcessInfo', 'grp:gb')).toMatchObject({ name: 'gb', statename: 'STOPPED' });
      expect(connections[1] - before).toBe(1);
    } finally {
      client.close();
    }
  });

  it('answers transport errors with Content-Length and the upstream status codes', async () => {
    const auth = basic('user', 's3cret');
    const unauthorized = await rawExchange({ port }, rpcRequest(GET_VERSION));
    expect(unauthorized).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(unauthorized).toContain('WWW-Authenticate: Basic realm="default"\r\n');
    expect(unauthorized).toContain('Content-Length: 137\r\n');

    const noColon = await rawExchange({ port }, rpcRequest(GET_VERSION, `Authorization: Basic ${Buffer.from('nocolon').toString('base64')}\r\n`));
    expect(noColon).toMatch(/^HTTP\/1\.1 401 /);
    const lowerScheme = await rawExchange({ port }, rpcRequest(GET_VERSION, `authorization: basic ${Buffer.from('user:s3cret').toString('base64')}\r\n`), /<\/methodResponse>\n$/);
    expect(lowerScheme).toMatch(/^HTTP\/1\.1 200 OK\r\n/);

    const malformed = await rawExchange({ port }, rpcRequest('<methodCall><methodName>x', auth), /<\/body>\r\n$/);
    expect(malformed).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(malformed).toContain('Content-Length: 136\r\n');

    const getRpc = await rawExchange({ port }, `GET /RPC2 HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, /<\/body>\r\n$/);
    expect(getRpc).toMatch(/^HTTP\/1\.1 400 /);

    const noLength = await rawExchange({ port }, `POST /RPC2 HTTP/1.0\r\n${auth}\r\n`);
    expect(noLength).toMatch(/^HTTP\/1\.1 411 Length Required\r\n/);
    expect(noLength).toContain('Content-Length: 140\r\n');

    const notFound = await rawExchange({ port }, `GET /nothing-here HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, /<\/body>\r\n$/);
    expect(notFound).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(notFound).toContain('Content-Length: 134\r\n');

    const prefixed = await rawExchange({ port }, rpcRequest(GET_VERSION, auth).replace('/RPC2', '/RPC2xyz?x'), /<\/methodResponse>\n$/);
    expect(prefixed).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: Medusa\/1\.12\r\nDate: [^\r]+ GMT\r\nContent-Type: text\/xml\r\nContent-Length: 129\r\n/);
  });

  it('keeps an HTTP/1.1 connection open across a fault and a malformed body', async () => {
    const auth = basic('user', 's3cret');
    const fault = "<?xml version='1.0'?><methodCall><methodName>supervisor.getProcessInfo</methodName><params><param><value>nope</value></param></params></methodCall>";
    const text = await rawExchange(
      { port },
      rpcRequest(fault, auth) + rpcRequest('junk', auth) + rpcRequest(GET_VERSION, auth),
      /<string>3\.0<\/string>[\s\S]*<\/methodResponse>\n$/,
    );
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '400', '200']);
    expect(text).toContain('BAD_NAME: nope');
  });

  it('works with the real supervisorctl over TCP and the unix socket', async () => {
    const inetVersion = await run(SUPERVISORCTL, ['-s', `http://127.0.0.1:${port}`, '-u', 'user', '-p', 's3cret', 'version']);
    expect(inetVersion.stdout).toBe('4.2.5\n');
    const inetStatus = await run(SUPERVISORCTL, ['-s', `http://127.0.0.1:${port}`, '-u', 'user', '-p', 's3cret', 'status']);
    expect(inetStatus.stdout).toMatch(/^alpha\s+RUNNING\s+pid 4242, uptime 0:01:\d\d\ngrp:ga\s+STOPPED\s+Not started\ngrp:gb\s+STOPPED\s+Not started\nlater\s+STOPPED\s+\w{3} \d\d \d\d:\d\d [AP]M\n$/);
    const unixStatus = await run(SUPERVISORCTL, ['-s', `unix://${socketPath}`, '-u', 'uu', '-p', 'pp:x', 'status', 'alpha']);
    expect(unixStatus.stdout).toMatch(/^alpha\s+RUNNING\s+pid 4242/);
    const denied = await run(SUPERVISORCTL, ['-s', `http://127.0.0.1:${port}`, 'status']);
    expect(denied.stdout).toContain('Server requires authentication');
    const tail = await run(SUPERVISORCTL, ['-s', `unix://${socketPath}`, '-u', 'uu', '-p', 'pp:x', 'tail', 'alpha']);
    expect(tail.stdout).toBe('hello \uFFFD[31mred\uFFFD[0m & <b>\n\n');
  });

  it('streams /logtail and /mainlogtail, following appends, truncation and replacement', async () => {
    const alpha = model.group('alpha').process('alpha');
    const logPath = alpha.stdoutLogPath!;
    fs.writeFileSync(logPath, `${'x'.repeat(2000)}END1\n`);
    const received: string[] = [];
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get({ socketPath, path: '/logtail/alpha', headers: { Authorization: `Basic ${Buffer.from('uu:pp:x').toString('base64')}` } }, resolve)
        .on('error', reject);
    });
    try {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/plain;charset=utf-8');
      expect(response.headers['x-accel-buffering']).toBe('no');
      expect(response.headers['transfer-encoding']).toBe('chunked');
      response.on('data', (chunk: Buffer) => received.push(chunk.toString('utf8')));
      await waitFor('initial tail', () => received.join('').includes('END1\n'));
      expect(received.join('')).toBe(`${'x'.repeat(1024 - 5)}END1\n`);
      fs.appendFileSync(logPath, 'appended\n');
      await waitFor('appended line', () => received.join('').endsWith('appended\n'));
      fs.truncateSync(logPath, 0);
      fs.appendFileSync(logPath, 'after truncate\n');
      await waitFor('truncation notice', () => received.join('').endsWith('==> File truncated <==\nafter truncate\n'));
      fs.unlinkSync(logPath);
      fs.writeFileSync(logPath, 'new file\n');
      await waitFor('replaced file', () => received.join('').endsWith('new file\n'));
    } finally {
      response.destroy();
    }

    const get = (pathname: string, headers: Record<string, string> = { Authorization: `Basic ${Buffer.from('user:s3cret').toString('base64')}` }) =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        http.get({ port, host: '127.0.0.1', path: pathname, headers }, resolve).on('error', reject);
      });
    const main = await get('/mainlogtail');
    const mainText = await new Promise<string>((resolve) => {
      main.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
    });
    main.destroy();
    expect(main.statusCode).toBe(200);
    expect(main.headers['x-accel-buffering']).toBeUndefined();
    expect(mainText).toBe('main log line\n');
    for (const missing of ['/logtail/nope', '/logtail/alpha/other', '/logtail/grp:*', '/logtail/alpha/stderr', '/logtail/']) {
      const res = await get(missing);
      res.resume();
      expect([missing, res.statusCode, res.headers['content-length']]).toEqual([missing, 404, '134']);
    }
    const post = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.request({ port, host: '127.0.0.1', path: '/logtail/alpha', method: 'POST', headers: { Authorization: `Basic ${Buffer.from('user:s3cret').toString('base64')}`, 'Content-Length': '0' } }, resolve).on('error', reject).end();
    });
    post.resume();
    expect(post.statusCode).toBe(400);
    const unauthorized = await get('/mainlogtail', {});
    unauthorized.resume();
    expect(unauthorized.statusCode).toBe(401);
  });

  it('serves supervisorctl tail -f (its request carries an extra blank line and an empty Host)', async () => {
    const raw = await rawExchange(
      { path: socketPath },
      `GET /mainlogtail HTTP/1.1\r\nHost: \r\nAccept-Encoding: chunked\r\nAccept: */*\r\nUser-agent: Supervisor HTTP Client\r\n` +
        `Authorization: Basic ${Buffer.from('uu:pp:x').toString('base64')}\r\n\r\n\r\n`,
      /main log line\n\r\n$/,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(raw).toContain('Transfer-Encoding: chunked\r\n');
    expect(raw).toMatch(/\r\n\r\ne\r\nmain log line\n\r\n$/);
  });

  it('refuses a socket path a live server owns, and a taken TCP port', async () => {
    const { registry, dispatcher } = createRpcRegistry(model);
    const unix: UnixHttpServerConfig = { family: 'unix', section: 'unix_http_server', name: null, file: socketPath, chmod: 0o700, chown: [-1, -1], username: null, password: null };
    await expect(startHttpServers([unix], { registry, dispatcher, model })).rejects.toThrow(HttpServerStartError);
    const inet: InetHttpServerConfig = { family: 'inet', section: 'inet_http_server', name: null, host: '127.0.0.1', port, username: null, password: null };
    await expect(startHttpServers([inet], { registry, dispatcher, model })).rejects.toThrow(/Another program is already listening/);
    expect(fs.existsSync(socketPath)).toBe(true);
  });

  it('removes its socket file on close', async () => {
    const otherSocket = path.join(dir, 'other.sock');
    const { registry, dispatcher } = createRpcRegistry(model);
    const otherLogs: string[] = [];
    const other = await startHttpServers(
      [{ family: 'unix', section: 'unix_http_server', name: null, file: otherSocket, chmod: 0o766, chown: [-1, -1], username: null, password: null }],
      { registry, dispatcher, model, log: (level, message) => otherLogs.push(`${level} ${message}`) },
    );
    expect(otherLogs).toEqual(["CRIT Server 'unix_http_server' running without any HTTP authentication checking"]);
    expect(logs.filter((line) => line.includes('without any HTTP authentication'))).toEqual([]);
    expect(fs.statSync(otherSocket).mode & 0o777).toBe(0o766);
    expect(() => registry.register({ name: 'late', methods: [] })).toThrow(/already running/);
    await other.close();
    expect(fs.existsSync(otherSocket)).toBe(false);
  });
});

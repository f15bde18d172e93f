import { request } from 'node:http';
import { startHttpServers, HttpRouter, type HttpServersHandle } from '../../src/http';
import type { RpcDispatcher } from '../../src/rpc/dispatcher';
import { createWebUi, mountWebUi, type WebUi } from '../../src/web';
import { FakeSupervisorModel } from './fake-supervisor-model';

function send(base: string, method: string, path: string, auth?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  const headers: Record<string, string> = auth ? { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {};
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('mountWebUi on the daemon HTTP servers', () => {
  let handle: HttpServersHandle;
  let webUi: WebUi;
  let base: string;

  beforeAll(async () => {
    const model = new FakeSupervisorModel([{ name: 'web', state: 'RUNNING' }]);
    webUi = createWebUi(model, { supervisorVersion: '4.2.5' });
    handle = await startHttpServers(
      [{ family: 'inet', section: 'inet_http_server', name: null, username: 'user', password: '123', host: '127.0.0.1', port: 0 }],
      // The RPC dispatcher is only used by the default router, which this test replaces.
      { dispatcher: {} as RpcDispatcher, model, router: mountWebUi(new HttpRouter(), webUi), log: () => undefined },
    );
    base = `${handle.servers[0]!.url}/`;
  });

  afterAll(async () => {
    webUi.close();
    await handle.close();
  });

  it('puts every web UI route behind Basic auth', async () => {
    for (const path of ['/', '/index.html', '/tail.html?processname=web', '/ok.html', '/events/status', '/ui/app.css']) {
      expect((await send(base, 'GET', path)).status).toBe(401);
    }
    expect((await send(base, 'POST', '/index.html?action=stopall')).status).toBe(401);
  });

  it('serves the pages to an authenticated client', async () => {
    const page = await send(base, 'GET', '/', 'user:123');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<tr data-namespec="web"');
    expect(await send(base, 'GET', '/ok.html', 'user:123')).toMatchObject({ status: 200, body: 'OK' });
    expect((await send(base, 'GET', '/ui/status.js', 'user:123')).status).toBe(200);
  });

  it('answers what the UI declines as the static handler would', async () => {
    expect((await send(base, 'HEAD', '/', 'user:123')).status).toBe(404);
    expect((await send(base, 'PUT', '/index.html', 'user:123')).status).toBe(400);
    expect((await send(base, 'GET', '/elsewhere.html', 'user:123')).status).toBe(404);
  });
});

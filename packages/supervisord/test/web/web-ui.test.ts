import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSupervisorModel } from './fake-supervisor-model';
import { startWebUiServer, type WebUiServer } from './web-ui-server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Reads server-sent events until `until` accepts one; resolves with the events seen. */
function readEvents(base: string, path: string, until: (event: { event: string; data: string; id?: string }) => boolean, timeoutMs = 5000) {
  return new Promise<{ event: string; data: string; id?: string }[]>((resolve, reject) => {
    const seen: { event: string; data: string; id?: string }[] = [];
    const req = request(new URL(path, base), (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            const colon = line.indexOf(': ');
            if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 2);
          }
          if (fields.event === undefined) continue;
          const event = { event: fields.event, data: fields.data ?? '', id: fields.id };
          seen.push(event);
          if (until(event)) {
            clearTimeout(timer);
            req.destroy();
            resolve(seen);
          }
        }
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`));
    }, timeoutMs);
    req.on('error', (error) => {
      if (!req.destroyed || seen.length === 0) reject(error);
    });
    req.end();
  });
}

describe('web UI handler', () => {
  let dir: string;
  let model: FakeSupervisorModel;
  let server: WebUiServer;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-ui-test-'));
    writeFileSync(join(dir, 'web.log'), 'boot <ok> & "ready"\n');
    model = new FakeSupervisorModel([
      { name: 'web', state: 'RUNNING', stdoutLogPath: join(dir, 'web.log') },
      { group: 'apps', name: 'api', state: 'RUNNING', stdoutLogPath: join(dir, 'missing.log') },
      { name: 'cron' },
    ]);
    server = await startWebUiServer(model);
  });

  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const token = () => server.webUi.csrfToken;

  it('serves the status page at / and /index.html with safe headers', async () => {
    for (const path of ['/', '/index.html', '//index.html']) {
      const reply = await send(server.baseUrl, 'GET', path);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html;charset=utf-8');
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(reply.body).toContain('<tr data-namespec="apps:api"');
      expect(reply.body).toContain(`value="${token()}"`);
    }
  });

  it('shows ?message= escaped', async () => {
    const reply = await send(server.baseUrl, 'GET', '/?message=Hello%20%3Cb%3E');
    expect(reply.body).toContain('>Hello &lt;b&gt;</div>');
  });

  it('answers a 4.2.5 action link with a confirmation page and does not act', async () => {
    const reply = await send(server.baseUrl, 'GET', '/index.html?processname=web&action=stop');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Stop process web?');
    expect(reply.body).toContain('<form method="post" action="index.html">');
    expect(reply.body).toContain('<input type="hidden" name="action" value="stop">');
    expect(reply.body).toContain('<input type="hidden" name="processname" value="web">');
    expect(reply.body).toContain(`<input type="hidden" name="csrf_token" value="${token()}">`);
    expect(model.process('web').calls).toEqual([]);
    expect(model.process('web').state).toBe('RUNNING');
    const all = await send(server.baseUrl, 'GET', '/index.html?action=stopall');
    expect(all.body).toContain('Stop all processes?');
    expect(model.process('web').calls).toEqual([]);
  });

  it('still performs a refresh link directly, as it changes nothing', async () => {
    const reply = await send(server.baseUrl, 'GET', '/index.html?action=refresh');
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toMatch(/^\.\/\?message=Page%20refreshed%20at%20\w{3}%20/);
  });

  it('refuses a POST without the token, or with a wrong one, and does not act', async () => {
    for (const body of ['action=stop&processname=web', 'action=stop&processname=web&csrf_token=guess']) {
      const reply = await send(server.baseUrl, 'POST', '/index.html', body, FORM);
      expect(reply.status).toBe(403);
      expect(reply.body).toContain('Action refused');
    }
    const json = await send(server.baseUrl, 'POST', '/index.html', 'action=stopall', { ...FORM, Accept: 'application/json' });
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body).error).toContain('Action refused');
    expect(model.process('web').calls).toEqual([]);
  });

  it('performs a POST with the token, waits, and redirects with the message', async () => {
    const reply = await send(server.baseUrl, 'POST', '/index.html', `action=stop&processname=web&csrf_token=${token()}`, FORM);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('./?message=Process%20web%20stopped');
    expect(model.process('web').state).toBe('STOPPED');
  });

  it('answers JSON to the page script', async () => {
    const reply = await send(
      server.baseUrl,
      'POST',
      '/',
      new URLSearchParams({ action: 'stop', processname: 'apps:api', csrf_token: token() }).toString(),
      { ...FORM, Accept: 'application/json' },
    );
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Process apps:api stopped' });
  });

  it('rejects unknown actions and process actions without a name with 400', async () => {
    expect((await send(server.baseUrl, 'GET', '/index.html?action=explode')).status).toBe(400);
    expect((await send(server.baseUrl, 'GET', '/index.html?action=stop')).status).toBe(400);
    const reply = await send(server.baseUrl, 'POST', '/index.html', `action=%3Cx%3E&csrf_token=${token()}`, FORM);
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('&lt;x&gt;');
  });

  it('refuses an oversized form', async () => {
    const reply = await send(server.baseUrl, 'POST', '/index.html', `action=stop&x=${'a'.repeat(20000)}`, FORM);
    expect(reply.status).toBe(413);
  });

  it('serves ok.html', async () => {
    const reply = await send(server.baseUrl, 'GET', '/ok.html');
    expect(reply).toMatchObject({ status: 200, body: 'OK' });
    expect(reply.headers['content-type']).toBe('text/plain');
  });

  it('serves its assets with ETags, HEAD and 304', async () => {
    for (const [path, type] of [
      ['/ui/app.css', 'text/css;charset=utf-8'],
      ['/ui/status.js', 'text/javascript;charset=utf-8'],
      ['/ui/tail.js', 'text/javascript;charset=utf-8'],
      ['/ui/icon.svg', 'image/svg+xml'],
    ] as const) {
      const reply = await send(server.baseUrl, 'GET', path);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe(type);
      expect(reply.body.length).toBeGreaterThan(100);
      const head = await send(server.baseUrl, 'HEAD', path);
      expect(head).toMatchObject({ status: 200, body: '' });
      const again = await send(server.baseUrl, 'GET', path, undefined, { 'If-None-Match': String(reply.headers.etag) });
      expect(again.status).toBe(304);
    }
  });

  it('declines what is not its own, so the router can answer', async () => {
    expect((await send(server.baseUrl, 'HEAD', '/')).status).toBe(404);
    expect((await send(server.baseUrl, 'PUT', '/index.html')).status).toBe(400);
    expect((await send(server.baseUrl, 'GET', '/other.html')).status).toBe(404);
    expect((await send(server.baseUrl, 'GET', '/ui/nope.css')).status).toBe(404);
    expect((await send(server.baseUrl, 'POST', '/events/status')).status).toBe(400);
  });

  it('shows the end of the stdout log on the tail page, escaped', async () => {
    const reply = await send(server.baseUrl, 'GET', '/tail.html?processname=web');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('>boot &lt;ok&gt; &amp; &quot;ready&quot;\n</pre>');
    expect(reply.body).toContain('data-processname="web" data-offset="20"');
    expect(reply.body).toContain('href="tail.html?processname=web&amp;limit=1024"');
  });

  it('shows at least 1024 bytes, or more when asked', async () => {
    writeFileSync(join(dir, 'web.log'), `${'a'.repeat(3000)}END`);
    const small = await send(server.baseUrl, 'GET', '/tail.html?processname=web&limit=10');
    expect(small.body).toMatch(/>a{1021}END<\/pre>/);
    const big = await send(server.baseUrl, 'GET', '/tail.html?processname=web&limit=2000');
    expect(big.body).toMatch(/>a{1997}END<\/pre>/);
  });

  it('explains a tail page without a process, with an unknown one, or without a log', async () => {
    expect((await send(server.baseUrl, 'GET', '/tail.html')).body).toContain('>No process name found</pre>');
    expect((await send(server.baseUrl, 'GET', '/tail.html?processname=%3Cnope%3E')).body).toContain(
      '>ERROR: unexpected rpc fault [10] BAD_NAME: &lt;nope&gt;</pre>',
    );
    expect((await send(server.baseUrl, 'GET', '/tail.html?processname=cron')).body).toContain('>No file for cron</pre>');
  });

  it('pushes a new status snapshot as soon as a state changes', async () => {
    const events = readEvents(server.baseUrl, '/events/status', (e) =>
      JSON.parse(e.data).processes.some((p: { namespec: string; statename: string }) => p.namespec === 'web' && p.statename === 'STOPPED'),
    );
    await send(server.baseUrl, 'POST', '/index.html', `action=stop&processname=web&csrf_token=${token()}`, FORM);
    const seen = await events;
    const first = JSON.parse(seen[0]!.data);
    expect(first.processes.map((p: { namespec: string }) => p.namespec)).toEqual(['apps:api', 'cron', 'web']);
    expect(first.processes[2]).toMatchObject({ statename: 'RUNNING', tone: 'running', actions: ['restart', 'stop', 'clearlog'] });
    const last = JSON.parse(seen[seen.length - 1]!.data);
    expect(last.processes[2]).toMatchObject({ statename: 'STOPPED', actions: ['start', 'clearlog'] });
    expect(last.summary).toBe('3 processes · 1 running');
  });

  it('stops watching processes when the last subscriber leaves', async () => {
    await readEvents(server.baseUrl, '/events/status', () => true);
    const web = model.process('web');
    const deadline = Date.now() + 5000;
    while (web.listenerCount > 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(web.listenerCount).toBe(0);
  });

  it('streams output appended to the log after the page offset', async () => {
    const events = readEvents(server.baseUrl, '/events/tail?processname=web&offset=20', (e) => e.event === 'append' && JSON.parse(e.data).includes('second'));
    await model.process('web').appendOutput('second <line>\n');
    const seen = await events;
    const appended = seen.filter((e) => e.event === 'append');
    expect(appended.map((e) => JSON.parse(e.data)).join('')).toBe('second <line>\n');
    expect(appended[appended.length - 1]!.id).toBe(String(20 + 'second <line>\n'.length));
  });

  it('resets the tail when the log is cleared', async () => {
    const events = readEvents(server.baseUrl, '/events/tail?processname=web&offset=20', (e) => e.event === 'append' && JSON.parse(e.data) === 'fresh\n');
    model.process('web').clearLogs();
    // Wait until the feed has noticed the shorter file before writing again.
    await readEvents(server.baseUrl, '/events/tail?processname=web&offset=20', (e) => e.event === 'reset');
    await model.process('web').appendOutput('fresh\n');
    const seen = await events;
    expect(seen.map((e) => e.event)).toContain('reset');
  });

  it('answers 404 for a tail feed of an unknown process', async () => {
    expect((await send(server.baseUrl, 'GET', '/events/tail?processname=nope')).status).toBe(404);
  });
});

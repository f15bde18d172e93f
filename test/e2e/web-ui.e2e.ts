/**
 * The web UI of our real daemon in a real headless Chromium: processes and states on screen, a
 * stop that updates the page without a reload (and really stops the process, as XML-RPC then
 * reports), a tail page that follows new output, 401 without credentials, the note shown when the
 * daemon goes away, and a screenshot of the status page.
 *
 * Every test gets its own `supervisord` (the built one) with Basic auth on an inet server and real
 * children: `web` echoes its stdin to stdout (so new output is written through
 * `supervisor.sendProcessStdin`), two workers, a program that never starts (FATAL) and one left
 * STOPPED.
 */
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { XmlRpcClient } from '../../packages/supervisorctl/src/rpc/client';
import { startOurSupervisord, type OurSupervisord } from '../helpers/our-supervisord';
import { freePort } from '../helpers/free-port';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = join(__dirname, '..', '..', 'docs', 'web-ui.png');
const WAIT_MS = 10_000;
/** Present once the page's live feed is open. */
const LIVE_FEED_OPEN = 'body[data-feed="open"]';
const CREDENTIALS = { username: 'admin', password: 's3cret' };
const MISSING_COMMAND = '/nonexistent/api-server';


interface ProcessInfo {
  statename: string;
  pid: number;
  description: string;
}

interface RunningDaemon {
  daemon: OurSupervisord;
  baseUrl: string;
  rpc: XmlRpcClient;
  info(namespec: string): Promise<ProcessInfo>;
  close(): Promise<void>;
}

async function startDaemon(): Promise<RunningDaemon> {
  const port = await freePort();
  const daemon = await startOurSupervisord({
    conf: `[supervisord]
logfile={{dir}}/supervisord.log
pidfile={{dir}}/supervisord.pid
childlogdir={{dir}}
loglevel=info

[inet_http_server]
port=127.0.0.1:${port}
username=${CREDENTIALS.username}
password=${CREDENTIALS.password}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:web]
command=/bin/sh -c "echo 'listening on 127.0.0.1:8080'; exec cat"
startsecs=0
stopwaitsecs=2

[program:worker]
command=/bin/sleep 1000
process_name=%(program_name)s_%(process_num)d
numprocs=2
startsecs=0
stopwaitsecs=2

[program:api]
command=${MISSING_COMMAND}
startretries=0

[group:apps]
programs=api

[program:cron]
command=/bin/sleep 1000
autostart=false
`,
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  const rpc = new XmlRpcClient(`http://127.0.0.1:${port}`, CREDENTIALS);
  const info = async (namespec: string) => (await rpc.call('supervisor.getProcessInfo', namespec)) as unknown as ProcessInfo;
  const close = async () => {
    rpc.close();
    await daemon.stop();
  };
  try {
    const deadline = Date.now() + WAIT_MS;
    const settled = async () => {
      const states = await Promise.all(['web', 'worker:worker_0', 'worker:worker_1', 'apps:api'].map((name) => info(name)));
      return states.map((state) => state.statename).join(',') === 'RUNNING,RUNNING,RUNNING,FATAL';
    };
    while (!(await settled().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`processes did not settle:\n${daemon.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { daemon, baseUrl, rpc, info, close };
}

/** A plain HTTP GET without credentials: status and headers. */
function plainGet(url: string, authorization?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: authorization ? { Authorization: authorization } : {} }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    request.on('error', reject);
  });
}

describe('web UI of our supervisord in Chromium', () => {
  let target: RunningDaemon;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'web-ui-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1100, height: 640 },
      httpCredentials: CREDENTIALS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  beforeEach(async () => {
    target = await startDaemon();
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
  });

  afterEach(async () => {
    await page?.close();
    await target?.close();
  });

  const row = (namespec: string) => page.locator(`tr[data-namespec="${namespec}"]`);

  it('lists every process with its group, state and description, and matches the screenshot', async () => {
    await page.goto(target.baseUrl);
    await expectText(row('web').locator('.badge'), 'RUNNING');
    await expectText(row('worker:worker_1').locator('.badge'), 'RUNNING');
    await expectText(row('apps:api').locator('.badge'), 'FATAL');
    await expectText(row('apps:api').locator('.group'), 'apps');
    await expectText(row('apps:api').locator('.desc'), `can't find command '${MISSING_COMMAND}'`);
    await expectText(row('cron').locator('.badge'), 'STOPPED');
    await expectText(row('cron').locator('.desc'), 'Not started');
    const web = await target.info('web');
    expect(await row('web').locator('.desc').textContent()).toMatch(new RegExp(`^pid ${web.pid}, uptime 0:00:\\d\\d$`));
    // The page says what XML-RPC says.
    for (const namespec of ['web', 'worker:worker_0', 'apps:api', 'cron']) {
      const info = await target.info(namespec);
      expect(await row(namespec).locator('.badge').textContent()).toBe(info.statename);
    }
    // Buttons are buttons, and the hidden ones are not offered.
    expect(await row('web').getByRole('button').allTextContents()).toEqual(['Restart', 'Stop', 'Clear log']);
    expect(await row('cron').getByRole('button').allTextContents()).toEqual(['Start', 'Clear log']);
    expect(await row('apps:api').getByRole('button').allTextContents()).toEqual(['Start', 'Clear log']);
    // The page waits for the live feed before it is photographed.
    await page.locator(LIVE_FEED_OPEN).waitFor();

    const shot = await page.screenshot({ fullPage: true });
    expect(shot.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(shot.length).toBeLessThan(200 * 1024);
    if (process.env.UPDATE_WEB_UI_SCREENSHOT === '1') writeFileSync(SCREENSHOT, shot);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(target.baseUrl);
    await expectText(row('web').locator('.badge'), 'RUNNING');
    const widths = await page.evaluate<{ page: number; screen: number }>(
      '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
    );
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    // Each process is a card: its state and its buttons are on screen.
    const stop = row('web').getByRole('button', { name: 'Stop' });
    const box = await stop.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    if (process.env.WEB_UI_PHONE_SCREENSHOT) await page.screenshot({ path: process.env.WEB_UI_PHONE_SCREENSHOT, fullPage: true });
  });

  it('stops a running process from its button, shows STOPPED without a reload, and XML-RPC agrees', async () => {
    await page.goto(target.baseUrl);
    const { pid } = await target.info('web');
    await expectText(row('web').locator('.badge'), 'RUNNING');
    await page.evaluate('window.notReloaded = true');

    await row('web').getByRole('button', { name: 'Stop' }).click();

    await expectText(row('web').locator('.badge'), 'STOPPED');
    await expectText(page.locator('#message'), 'Process web stopped');
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    expect(await row('web').getByRole('button').allTextContents()).toEqual(['Start', 'Clear log']);
    const after = await target.info('web');
    expect(after.statename).toBe('STOPPED');
    expect(after.pid).toBe(0);
    expect(processExists(pid)).toBe(false);
    // The other processes were left alone.
    expect((await target.info('worker:worker_0')).statename).toBe('RUNNING');
  });

  it('shows a confirmation page, not an action, for a 4.2.5 action link', async () => {
    await page.goto(`${target.baseUrl}index.html?processname=web&action=stop`);
    await expectText(page.locator('h1'), 'Stop process web?');
    await page.goto(target.baseUrl);
    await expectText(row('web').locator('.badge'), 'RUNNING');
    expect((await target.info('web')).statename).toBe('RUNNING');
  });

  it('shows the latest output on the tail page and follows new output', async () => {
    await page.goto(target.baseUrl);
    await row('web').getByRole('link', { name: 'Tail web', exact: true }).click();
    await page.waitForURL(/tail\.html\?processname=/);
    await expectText(page.locator('h1'), 'Tail of web');
    await page.locator('#log').filter({ hasText: 'listening on 127.0.0.1:8080' }).waitFor();
    await page.locator(LIVE_FEED_OPEN).waitFor();
    const marker = `fresh output <${Date.now()}> & more`;
    // `web` is `cat`: what goes to its stdin comes back on its stdout log.
    await target.rpc.call('supervisor.sendProcessStdin', 'web', `${marker}\n`);
    await page.locator('#log').filter({ hasText: marker }).waitFor();
    expect(await page.locator('#log b').count()).toBe(0);
  });

  it('answers 401 to requests without valid credentials', async () => {
    for (const path of ['', 'index.html', 'tail.html?processname=web', 'logtail/web']) {
      const anonymous = await plainGet(`${target.baseUrl}${path}`);
      expect([path, anonymous.status]).toEqual([path, 401]);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
    }
    const wrong = await plainGet(target.baseUrl, `Basic ${Buffer.from('admin:wrong').toString('base64')}`);
    expect(wrong.status).toBe(401);
    const right = await plainGet(target.baseUrl, `Basic ${Buffer.from('admin:s3cret').toString('base64')}`);
    expect(right.status).toBe(200);
  });

  it('shows a note when the daemon goes away', async () => {
    await page.goto(target.baseUrl);
    await page.locator(LIVE_FEED_OPEN).waitFor();
    await target.daemon.stop();
    await page.locator('#connection-lost').waitFor({ state: 'visible' });
    await expectText(page.locator('#connection-lost'), 'Connection to supervisord lost');
  });
});

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: WAIT_MS }).catch(async () => {
    throw new Error(`expected "${text}", found ${JSON.stringify(await locator.allTextContents())}`);
  });
}

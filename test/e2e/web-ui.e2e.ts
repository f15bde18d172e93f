/**
 * The web UI in a real headless Chromium: processes and states on screen, a stop that updates
 * the page without a reload, a tail page that follows new output, the note shown when the
 * connection to supervisord is lost, and a screenshot of the status page.
 *
 * The server under test is a parameter (`WebUiTarget`): for now the UI is mounted on the
 * daemon's HTTP servers (router and Basic auth) over an in-memory model whose stop really
 * changes state; a target backed by the whole daemon plugs into the same suite.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { FakeSupervisorModel } from '../../packages/supervisord/test/web/fake-supervisor-model';
import { HttpRouter, startHttpServers } from '../../packages/supervisord/src/http';
import type { RpcDispatcher } from '../../packages/supervisord/src/rpc/dispatcher';
import { createWebUi, mountWebUi } from '../../packages/supervisord/src/web';

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

/** A supervisord web UI to test against. */
interface WebUiTarget {
  /** Ends with `/`. */
  baseUrl: string;
  httpCredentials?: { username: string; password: string };
  /** Namespec of a RUNNING process whose stdout log the tail page shows. */
  runningProcess: string;
  /** Makes `runningProcess` write `text` to its stdout log. */
  appendOutput(text: string): Promise<void>;
  /** Makes the server unreachable (the page must notice). */
  dropConnection(): Promise<void>;
  close(): Promise<void>;
}

async function startFakeTarget(): Promise<WebUiTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'web-ui-e2e-'));
  const log = (name: string) => join(dir, `${name}.log`);
  writeFileSync(log('web'), 'listening on 127.0.0.1:8080\nGET /health 200 <1ms>\n');
  const hour = 3600;
  const now = Date.now() / 1000;
  const model = new FakeSupervisorModel(
    [
      { name: 'web', state: 'RUNNING', pid: 4242, startTime: now - 2 * hour - 125, stdoutLogPath: log('web') },
      { group: 'workers', name: 'worker_0', state: 'RUNNING', pid: 4250, startTime: now - 26 * hour, stdoutLogPath: log('w0') },
      { group: 'workers', name: 'worker_1', state: 'RUNNING', pid: 4251, startTime: now - 26 * hour, stdoutLogPath: log('w1') },
      { group: 'apps', name: 'api', state: 'FATAL', spawnerr: "can't find command '/opt/api/bin/server'" },
      { name: 'cron', state: 'STOPPED', startTime: now - 5 * hour, stopTime: now - 4 * hour },
      { name: 'mailer', state: 'BACKOFF', spawnerr: 'Exited too quickly (process log may have details)' },
      { name: 'reports' },
    ],
    { transitionMs: 300 },
  );
  // The daemon's own HTTP server and router, with Basic auth, over the in-memory model.
  const webUi = createWebUi(model, { supervisorVersion: '4.2.5' });
  const credentials = { username: 'admin', password: 's3cret' };
  const servers = await startHttpServers(
    [{ family: 'inet', section: 'inet_http_server', name: null, ...credentials, host: '127.0.0.1', port: 0 }],
    { dispatcher: {} as RpcDispatcher, model, router: mountWebUi(new HttpRouter(), webUi), log: () => undefined },
  );
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    webUi.close();
    await servers.close();
  };
  return {
    baseUrl: `${servers.servers[0]!.url}/`,
    httpCredentials: credentials,
    runningProcess: 'web',
    appendOutput: (text) => model.process('web').appendOutput(text),
    dropConnection: close,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const targets: [string, () => Promise<WebUiTarget>][] = [['daemon HTTP server over an in-memory model', startFakeTarget]];

describe.each(targets)('web UI in Chromium (%s)', (_label, startTarget) => {
  let target: WebUiTarget;
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
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  beforeEach(async () => {
    target = await startTarget();
    if (target.httpCredentials) await browser.setHTTPCredentials(target.httpCredentials);
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
    await expectText(row('apps:api').locator('.badge'), 'FATAL');
    await expectText(row('apps:api').locator('.group'), 'apps');
    await expectText(row('apps:api').locator('.desc'), "can't find command '/opt/api/bin/server'");
    await expectText(row('cron').locator('.badge'), 'STOPPED');
    expect(await row('web').locator('.desc').textContent()).toMatch(/^pid 4242, uptime 2:02:0\d$/);
    expect(await row('workers:worker_0').locator('.desc').textContent()).toMatch(/^pid 4250, uptime 1 day, 2:00:0\d$/);
    // Buttons are buttons, and the hidden ones are not offered.
    expect(await row('web').getByRole('button').allTextContents()).toEqual(['Restart', 'Stop', 'Clear log']);
    expect(await row('cron').getByRole('button').allTextContents()).toEqual(['Start', 'Clear log']);
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
    await expectText(row(target.runningProcess).locator('.badge'), 'RUNNING');
    const widths = await page.evaluate<{ page: number; screen: number }>(
      '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
    );
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    // Each process is a card: its state and its buttons are on screen.
    const stop = row(target.runningProcess).getByRole('button', { name: 'Stop' });
    const box = await stop.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    if (process.env.WEB_UI_PHONE_SCREENSHOT) await page.screenshot({ path: process.env.WEB_UI_PHONE_SCREENSHOT, fullPage: true });
  });

  it('stops a running process from its button and shows STOPPED without a reload', async () => {
    await page.goto(target.baseUrl);
    const name = target.runningProcess;
    await expectText(row(name).locator('.badge'), 'RUNNING');
    await page.evaluate('window.notReloaded = true');

    await row(name).getByRole('button', { name: 'Stop' }).click();

    await expectText(row(name).locator('.badge'), 'STOPPED');
    await expectText(page.locator('#message'), `Process ${name} stopped`);
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    expect(await row(name).getByRole('button').allTextContents()).toEqual(['Start', 'Clear log']);
  });

  it('shows a confirmation page, not an action, for a 4.2.5 action link', async () => {
    const name = target.runningProcess;
    await page.goto(`${target.baseUrl}index.html?processname=${encodeURIComponent(name)}&action=stop`);
    await expectText(page.locator('h1'), `Stop process ${name}?`);
    await page.goto(target.baseUrl);
    await expectText(row(name).locator('.badge'), 'RUNNING');
  });

  it('shows the latest output on the tail page and follows new output', async () => {
    const name = target.runningProcess;
    await page.goto(target.baseUrl);
    await row(name).getByRole('link', { name: `Tail ${name}`, exact: true }).click();
    await page.waitForURL(/tail\.html\?processname=/);
    await expectText(page.locator('h1'), `Tail of ${name}`);
    await page.locator(LIVE_FEED_OPEN).waitFor();
    const marker = `fresh output <${Date.now()}> & more`;
    await target.appendOutput(`${marker}\n`);
    await page.locator('#log').filter({ hasText: marker }).waitFor();
    expect(await page.locator('#log b').count()).toBe(0);
  });

  it('shows a note when the connection to supervisord is lost', async () => {
    await page.goto(target.baseUrl);
    await page.locator(LIVE_FEED_OPEN).waitFor();
    await target.dropConnection();
    await page.locator('#connection-lost').waitFor({ state: 'visible' });
    await expectText(page.locator('#connection-lost'), 'Connection to supervisord lost');
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: WAIT_MS }).catch(async () => {
    throw new Error(`expected "${text}", found ${JSON.stringify(await locator.allTextContents())}`);
  });
}

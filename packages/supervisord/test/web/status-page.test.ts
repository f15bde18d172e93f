import { processRows } from '../../src/web/process-rows';
import { renderStatusPage } from '../../src/web/status-page';
import { FakeSupervisorModel } from './fake-supervisor-model';

const frame = { identifier: 'box <1>', supervisorVersion: '4.2.5', csrfToken: 'tok"en', message: null };

function rowOf(page: string, namespec: string): string {
  const start = page.indexOf(`<tr data-namespec="${namespec}"`);
  expect(start).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</tr>', start));
}

function visibleActions(row: string): string[] {
  return [...row.matchAll(/<button type="submit" name="action" value="(\w+)"[^>]*?( hidden)?>/g)]
    .filter((m) => m[2] === undefined)
    .map((m) => m[1]!);
}

describe('status page', () => {
  const model = new FakeSupervisorModel([
    { name: 'web', state: 'RUNNING', pid: 42, startTime: 1000 },
    { group: 'apps', name: 'api', state: 'FATAL', spawnerr: "can't find command '/x'" },
    { name: 'cron' },
    { name: 'zz', state: 'STARTING' },
  ]);

  it('lists every process in lexical order with state, group and description', () => {
    const page = renderStatusPage({ ...frame, rows: processRows(model, 1019) });
    const order = [...page.matchAll(/<tr data-namespec="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['apps:api', 'cron', 'web', 'zz']);
    const web = rowOf(page, 'web');
    expect(web).toContain('<span class="badge running">RUNNING</span>');
    expect(web).toContain('<td class="desc" data-label="Description">pid 42, uptime 0:00:19</td>');
    const api = rowOf(page, 'apps:api');
    expect(api).toContain('<span class="badge error">FATAL</span>');
    expect(api).toContain('<td class="group" data-label="Group">apps</td>');
    expect(api).toContain('can&#39;t find command &#39;/x&#39;');
    expect(api).toContain('href="tail.html?processname=apps%3Aapi"');
    expect(api).toContain('href="logtail/apps%3Aapi/stderr"');
    expect(rowOf(page, 'cron')).toContain('<span class="badge nominal">STOPPED</span>');
  });

  it('offers the actions that fit each state', () => {
    const page = renderStatusPage({ ...frame, rows: processRows(model, 1019) });
    expect(visibleActions(rowOf(page, 'web'))).toEqual(['restart', 'stop', 'clearlog']);
    expect(visibleActions(rowOf(page, 'cron'))).toEqual(['start', 'clearlog']);
    expect(visibleActions(rowOf(page, 'apps:api'))).toEqual(['start', 'clearlog']);
    expect(visibleActions(rowOf(page, 'zz'))).toEqual(['clearlog']);
  });

  it('makes every action a POST form that carries the escaped CSRF token', () => {
    const page = renderStatusPage({ ...frame, rows: processRows(model, 1019) });
    const forms = [...page.matchAll(/<form[^>]*>/g)].map((m) => m[0]);
    expect(forms.length).toBe(6); // four rows, restart all, stop all
    for (const form of forms) expect(form).toContain('method="post"');
    expect(page.match(/<input type="hidden" name="csrf_token" value="tok&quot;en">/g)).toHaveLength(6);
    expect(page).toContain('<meta name="csrf-token" content="tok&quot;en">');
    expect(page).not.toMatch(/href="[^"]*action=/);
  });

  it('escapes hostile process names, identifiers and messages', () => {
    const hostile = new FakeSupervisorModel([
      { group: '<img src=x onerror=alert(1)>', name: '"><script>alert(2)</script>', state: 'BACKOFF', spawnerr: '<b>bad</b> & worse' },
    ]);
    const page = renderStatusPage({ ...frame, message: '<script>alert(3)</script>', rows: processRows(hostile, 0) });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>bad</b>');
    expect(page).toContain('&lt;b&gt;bad&lt;/b&gt; &amp; worse');
    expect(page).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(page).toContain('<span class="ident">box &lt;1&gt;</span>');
    expect(page).toContain(
      'href="tail.html?processname=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%3A%22%3E%3Cscript%3Ealert%282%29%3C/script%3E"',
    );
  });

  it('shows the message banner only when there is a message', () => {
    const without = renderStatusPage({ ...frame, rows: [] });
    expect(without).toContain('role="status" aria-live="polite" hidden></div>');
    const withMessage = renderStatusPage({ ...frame, rows: [], message: 'Process web stopped' });
    expect(withMessage).toContain('role="status" aria-live="polite">Process web stopped</div>');
  });

  it('says so when there are no programs', () => {
    const page = renderStatusPage({ ...frame, rows: [] });
    expect(page).toContain('No programs to manage');
    expect(page).not.toContain('<table');
  });

  it('references only assets served by the daemon itself', () => {
    const page = renderStatusPage({ ...frame, rows: processRows(model, 0) });
    const refs = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(ref).not.toMatch(/^(https?:)?\/\//);
    expect(refs).toEqual(expect.arrayContaining(['ui/app.css', 'ui/status.js', 'ui/icon.svg']));
  });
});

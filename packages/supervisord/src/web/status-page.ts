/** The status page (`/`, `/index.html`): every process, its state and its actions. */
import { html, quoteUrlComponent, type RawHtml } from './html';
import { renderPage } from './page-layout';
import type { ProcessAction, ProcessRow } from './process-rows';

export interface StatusPageInput {
  rows: readonly ProcessRow[];
  identifier: string;
  supervisorVersion: string;
  csrfToken: string;
  /** A message to show above the table (the result of the last action), or null. */
  message: string | null;
}

const ACTION_BUTTONS: readonly { action: ProcessAction; label: string; className: string }[] = [
  { action: 'start', label: 'Start', className: 'primary' },
  { action: 'restart', label: 'Restart', className: '' },
  { action: 'stop', label: 'Stop', className: 'danger' },
  { action: 'clearlog', label: 'Clear log', className: '' },
];

export function summarize(rows: readonly ProcessRow[]): string {
  const running = rows.filter((row) => row.statename === 'RUNNING').length;
  const failing = rows.filter((row) => row.tone === 'error').length;
  const parts = [`${rows.length} ${rows.length === 1 ? 'process' : 'processes'}`, `${running} running`];
  if (failing > 0) parts.push(`${failing} failing`);
  return parts.join(' · ');
}

function tokenInput(token: string): RawHtml {
  return html`<input type="hidden" name="csrf_token" value="${token}">`;
}

function renderRow(row: ProcessRow, token: string): RawHtml {
  const q = quoteUrlComponent(row.namespec);
  const buttons = ACTION_BUTTONS.map(
    ({ action, label, className }) =>
      html`<button type="submit" name="action" value="${action}"${className ? html` class="${className}"` : ''} aria-label="${label} ${row.namespec}"${row.actions.includes(action) ? '' : html` hidden`}>${label}</button>`,
  );
  return html`<tr data-namespec="${row.namespec}" data-state="${row.statename}">
<td class="state" data-label="State"><span class="badge ${row.tone}">${row.statename}</span></td>
<td class="name" data-label="Name"><a href="tail.html?processname=${q}">${row.namespec}</a></td>
<td class="group" data-label="Group">${row.group}</td>
<td class="desc" data-label="Description">${row.description}</td>
<td class="actions-cell"><form class="actions" method="post" action="index.html" data-live>
${tokenInput(token)}<input type="hidden" name="processname" value="${row.namespec}">
${buttons}
</form></td>
<td class="logs" data-label="Logs"><span class="links"><a href="tail.html?processname=${q}" aria-label="Tail ${row.namespec}">Tail</a><a href="logtail/${q}" target="_blank" rel="noopener" aria-label="Follow stdout of ${row.namespec}">stdout</a><a href="logtail/${q}/stderr" target="_blank" rel="noopener" aria-label="Follow stderr of ${row.namespec}">stderr</a></span></td>
</tr>
`;
}

export function renderStatusPage(input: StatusPageInput): string {
  const table =
    input.rows.length === 0
      ? html`<p class="empty">No programs to manage</p>`
      : html`<table id="processes">
<thead><tr><th scope="col">State</th><th scope="col">Name</th><th scope="col">Group</th><th scope="col">Description</th><th scope="col">Actions</th><th scope="col">Logs</th></tr></thead>
<tbody>
${input.rows.map((row) => renderRow(row, input.csrfToken))}</tbody>
</table>`;
  const body = html`<div id="message" class="banner" role="status" aria-live="polite"${input.message === null ? html` hidden` : ''}>${input.message ?? ''}</div>
<div class="toolbar">
  <h1>Processes</h1>
  <span id="summary" class="summary">${summarize(input.rows)}</span>
  <span class="spacer"></span>
  <a class="button" href="./">Refresh</a>
  <form class="inline" method="post" action="index.html" data-live>${tokenInput(input.csrfToken)}<button type="submit" name="action" value="restartall">Restart all</button></form>
  <form class="inline" method="post" action="index.html" data-live>${tokenInput(input.csrfToken)}<button type="submit" name="action" value="stopall" class="danger">Stop all</button></form>
</div>
<div class="card">
${table}
</div>`;
  return renderPage({
    title: `Supervisor status — ${input.identifier}`,
    identifier: input.identifier,
    supervisorVersion: input.supervisorVersion,
    csrfToken: input.csrfToken,
    script: 'ui/status.js',
    body,
  });
}

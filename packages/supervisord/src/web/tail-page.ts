/** The tail page (`/tail.html?processname=x[&limit=n]`): the end of a process's stdout log. */
import { html, quoteUrlComponent } from './html';
import { renderPage } from './page-layout';

export interface TailPageInput {
  /** null when the request named no process. */
  processName: string | null;
  /** The log text to show, or an error line when `text` could not be read. */
  text: string;
  /** The log size the text ends at (where live following continues), or null when not following. */
  offset: number | null;
  /** Bytes requested (for the Refresh link). */
  limit: number;
  identifier: string;
  supervisorVersion: string;
  csrfToken: string;
}

export function renderTailPage(input: TailPageInput): string {
  const name = input.processName;
  const q = name === null ? '' : quoteUrlComponent(name);
  const links =
    name === null
      ? ''
      : html`<a class="button" href="tail.html?processname=${q}&amp;limit=${input.limit}">Refresh</a>
  <a class="button" href="logtail/${q}" target="_blank" rel="noopener">Raw stdout</a>
  <a class="button" href="logtail/${q}/stderr" target="_blank" rel="noopener">Raw stderr</a>`;
  const follow =
    input.offset === null || name === null
      ? ''
      : html` data-processname="${name}" data-offset="${input.offset}"`;
  const body = html`<div class="toolbar">
  <a class="button" href="./">← All processes</a>
  <h1>${name === null ? 'Tail' : html`Tail of ${name}`}</h1>
  <span class="spacer"></span>
  ${links}
</div>
<pre id="log" class="log" tabindex="0" aria-label="Latest output"${follow}>${input.text}</pre>`;
  return renderPage({
    title: `Supervisor tail of process ${name ?? 'None'}`,
    identifier: input.identifier,
    supervisorVersion: input.supervisorVersion,
    csrfToken: input.csrfToken,
    script: input.offset === null ? null : 'ui/tail.js',
    body,
  });
}

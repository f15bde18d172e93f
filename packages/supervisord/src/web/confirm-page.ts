/**
 * The page a 4.2.5-style action link (`index.html?processname=x&action=stop`) gets: the action is
 * not performed by the GET; the page asks for confirmation with a POST form carrying the token.
 */
import { html } from './html';
import { renderPage } from './page-layout';

export interface ConfirmPageInput {
  action: string;
  processName: string | null;
  identifier: string;
  supervisorVersion: string;
  csrfToken: string;
}

function describeAction(action: string, processName: string | null): { question: string; button: string } {
  switch (action) {
    case 'start':
      return { question: `Start process ${processName}?`, button: 'Start' };
    case 'stop':
      return { question: `Stop process ${processName}?`, button: 'Stop' };
    case 'restart':
      return { question: `Restart process ${processName}?`, button: 'Restart' };
    case 'clearlog':
      return { question: `Clear the log of ${processName}?`, button: 'Clear log' };
    case 'stopall':
      return { question: 'Stop all processes?', button: 'Stop all' };
    default:
      return { question: 'Restart all processes?', button: 'Restart all' };
  }
}

export function renderConfirmPage(input: ConfirmPageInput): string {
  const { question, button } = describeAction(input.action, input.processName);
  const body = html`<div class="card confirm">
<h1>${question}</h1>
<p>This link asks supervisord to change the state of its processes. For safety, such links only act after you confirm here.</p>
<form method="post" action="index.html">
<input type="hidden" name="csrf_token" value="${input.csrfToken}">
<input type="hidden" name="action" value="${input.action}">
${input.processName === null ? '' : html`<input type="hidden" name="processname" value="${input.processName}">`}
<button type="submit" class="primary">${button}</button>
<a class="button" href="./">Cancel</a>
</form>
</div>`;
  return renderPage({
    title: `Confirm: ${question}`,
    identifier: input.identifier,
    supervisorVersion: input.supervisorVersion,
    csrfToken: input.csrfToken,
    script: null,
    body,
  });
}

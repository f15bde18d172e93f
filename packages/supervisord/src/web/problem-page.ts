/** The page for a refused or invalid web UI request (bad token, unknown action). */
import { html } from './html';
import { renderPage } from './page-layout';

export function renderProblemPage(input: {
  heading: string;
  detail: string;
  identifier: string;
  supervisorVersion: string;
  csrfToken: string;
}): string {
  return renderPage({
    title: input.heading,
    identifier: input.identifier,
    supervisorVersion: input.supervisorVersion,
    csrfToken: input.csrfToken,
    script: null,
    body: html`<div class="card confirm"><h1>${input.heading}</h1><p>${input.detail}</p><p><a class="button" href="./">Back to the status page</a></p></div>`,
  });
}

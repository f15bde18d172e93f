/** The frame shared by every page of the web UI: head, top bar, connection note, footer. */
import { html, type RawHtml } from './html';

export interface PageFrame {
  title: string;
  identifier: string;
  supervisorVersion: string;
  /** The per-daemon CSRF token, published for scripts in a meta element. */
  csrfToken: string;
  /** `ui/status.js`, `ui/tail.js` or null. */
  script: string | null;
  body: RawHtml;
}

export function renderPage(frame: PageFrame): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${frame.csrfToken}">
<title>${frame.title}</title>
<link rel="stylesheet" href="ui/app.css">
<link rel="icon" href="ui/icon.svg" type="image/svg+xml">
${frame.script ? html`<script src="${frame.script}" defer></script>` : ''}
</head>
<body>
<header class="top">
  <a class="brand" href="./"><img src="ui/icon.svg" alt="" width="28" height="28"><span>Supervisor</span></a>
  <span class="ident">${frame.identifier}</span>
</header>
<main>
<div id="connection-lost" class="banner note" role="alert" hidden>Connection to supervisord lost. Trying to reconnect…</div>
${frame.body}
</main>
<footer>Supervisor ${frame.supervisorVersion}</footer>
</body>
</html>
`.html;
}

/** The files the web UI serves itself (`ui/...`): all assets are built in, nothing is fetched elsewhere. */
import { createHash } from 'node:crypto';
import { ICON_SVG, STATUS_SCRIPT, TAIL_SCRIPT } from './ui-scripts';
import { UI_STYLESHEET } from './ui-styles';

export interface StaticAsset {
  contentType: string;
  body: Buffer;
  etag: string;
}

function asset(contentType: string, text: string): StaticAsset {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { contentType, body, etag };
}

export const STATIC_ASSETS: ReadonlyMap<string, StaticAsset> = new Map([
  ['ui/app.css', asset('text/css;charset=utf-8', UI_STYLESHEET)],
  ['ui/status.js', asset('text/javascript;charset=utf-8', STATUS_SCRIPT)],
  ['ui/tail.js', asset('text/javascript;charset=utf-8', TAIL_SCRIPT)],
  ['ui/icon.svg', asset('image/svg+xml', ICON_SVG)],
]);

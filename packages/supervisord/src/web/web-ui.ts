/**
 * The browser interface of supervisord: the status page, the tail page, `ok.html`, the live
 * feeds behind them and their assets. A request handler to mount behind the HTTP server's
 * authentication; it answers `false` for requests that are not its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SupervisorModel } from '../supervision/model';
import { InvalidActionError, isProcessAction, isWebAction, performAction } from './actions';
import { renderConfirmPage } from './confirm-page';
import { createCsrfToken, type CsrfToken } from './csrf-token';
import { quoteUrlComponent } from './html';
import { readLogEnd } from './log-file-end';
import { LogTailFeeds } from './log-tail-feed';
import { renderProblemPage } from './problem-page';
import { findProcess, processRows } from './process-rows';
import { STATIC_ASSETS } from './static-assets';
import { StatusFeed } from './status-feed';
import { renderStatusPage } from './status-page';
import { renderTailPage } from './tail-page';

export interface WebUiOptions {
  /** Shown in the page header; defaults to the model's identifier. */
  identifier?: string;
  /** Shown in the footer, e.g. `4.2.5`. */
  supervisorVersion: string;
  /** The CSRF token; a random one per web UI by default. */
  csrfToken?: string;
}

export interface WebUi {
  /**
   * Handles the request when it belongs to the web UI and returns true (possibly after awaiting
   * an action); returns false, having written nothing, when it does not.
   */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean>;
  /**
   * True when the (percent-decoded) path is one the web UI serves with some method: `/`,
   * `/index.html`, `/tail.html`, `/ok.html`, `/events/status`, `/events/tail`, `/ui/...`.
   */
  claims(path: string): boolean;
  /** Ends the open live feeds (call before closing the HTTP servers). */
  close(): void;
  /** The token embedded in the pages. */
  readonly csrfToken: string;
}

const MAX_FORM_BYTES = 16 * 1024;
const MIN_TAIL_BYTES = 1024;
const MAX_TAIL_BYTES = 1024 * 1024;

const PAGE_HEADERS = {
  'Content-Type': 'text/html;charset=utf-8',
  Pragma: 'no-cache',
  'Cache-Control': 'no-cache',
  Expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

const PAGE_PATHS = ['', 'index.html', 'tail.html', 'ok.html'];
const FEED_PATHS = ['events/status', 'events/tail'];

/** The URL of a request as `handle` expects it (a target such as `//x` stays a path). */
export function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  return new URL(`http://localhost${target.startsWith('/') ? '' : '/'}${target}`);
}

function stripSlashes(path: string): string {
  return path.replace(/^\/+/, '');
}

/** The request path with its leading slashes removed, percent-decoded. */
export function webUiPath(url: URL): string {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep a path that is not valid percent-encoding as it is.
  }
  return stripSlashes(path);
}

class FormTooLargeError extends Error {}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_FORM_BYTES) {
        // The rest is read and dropped so that the refusal can still be delivered.
        reject(new FormTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function wantsJson(req: IncomingMessage): boolean {
  return /\bapplication\/json\b/.test(req.headers.accept ?? '');
}

export function createWebUi(model: SupervisorModel, options: WebUiOptions): WebUi {
  const token: CsrfToken = createCsrfToken(options.csrfToken);
  const statusFeed = new StatusFeed(model);
  const tailFeeds = new LogTailFeeds();
  const frame = () => ({
    identifier: options.identifier ?? model.identifier,
    supervisorVersion: options.supervisorVersion,
    csrfToken: token.value,
  });

  function sendPage(res: ServerResponse, status: number, body: string): void {
    const buffer = Buffer.from(body, 'utf8');
    res.writeHead(status, { ...PAGE_HEADERS, 'Content-Length': buffer.length });
    res.end(buffer);
  }

  function sendJson(res: ServerResponse, status: number, value: unknown): void {
    const buffer = Buffer.from(JSON.stringify(value), 'utf8');
    res.writeHead(status, {
      'Content-Type': 'application/json;charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': buffer.length,
    });
    res.end(buffer);
  }

  function refuse(req: IncomingMessage, res: ServerResponse, status: number, heading: string, detail: string): void {
    if (wantsJson(req)) sendJson(res, status, { error: `${heading}. ${detail}` });
    else sendPage(res, status, renderProblemPage({ heading, detail, ...frame() }));
  }

  function redirectWithMessage(res: ServerResponse, message: string): void {
    res.writeHead(303, {
      Location: `./?message=${quoteUrlComponent(message)}`,
      'Content-Type': 'text/plain;charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Length': 0,
    });
    res.end();
  }

  function statusPage(res: ServerResponse, url: URL): void {
    const message = url.searchParams.get('message');
    sendPage(res, 200, renderStatusPage({ rows: processRows(model), message, ...frame() }));
  }

  /** GET with `?action=`: 4.2.5 acted at once; here only a refresh does, the rest ask first. */
  async function actionLink(req: IncomingMessage, res: ServerResponse, url: URL, action: string): Promise<void> {
    const processName = url.searchParams.get('processname');
    if (!isWebAction(action) || (isProcessAction(action) && !processName)) {
      refuse(req, res, 400, 'Unknown action', invalidActionText(action));
      return;
    }
    if (action === 'refresh') {
      redirectWithMessage(res, await performAction(model, action, processName));
      return;
    }
    const name = isProcessAction(action) ? processName : null;
    sendPage(res, 200, renderConfirmPage({ action, processName: name, ...frame() }));
  }

  async function postAction(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch (error) {
      if (error instanceof FormTooLargeError) {
        res.setHeader('Connection', 'close');
        refuse(req, res, 413, 'Request too large', 'The form is larger than 16 KiB.');
      }
      return;
    }
    const action = form.get('action') ?? url.searchParams.get('action');
    if (action === null) {
      statusPage(res, url);
      return;
    }
    if (!token.matches(form.get('csrf_token'))) {
      refuse(
        req,
        res,
        403,
        'Action refused',
        'The request did not come from this supervisord’s own page (its security token is missing or out of date). Reload the status page and try again.',
      );
      return;
    }
    const processName = form.get('processname') ?? url.searchParams.get('processname');
    let message: string;
    try {
      message = await performAction(model, action, processName);
    } catch (error) {
      if (!(error instanceof InvalidActionError)) throw error;
      refuse(req, res, 400, 'Unknown action', invalidActionText(action));
      return;
    }
    if (res.destroyed) return;
    if (wantsJson(req)) sendJson(res, 200, { message });
    else redirectWithMessage(res, message);
  }

  async function tailPage(res: ServerResponse, url: URL): Promise<void> {
    const processName = url.searchParams.get('processname');
    const requested = Number.parseInt(url.searchParams.get('limit') ?? '', 10);
    const limit = Math.min(MAX_TAIL_BYTES, Math.max(MIN_TAIL_BYTES, Number.isNaN(requested) ? 0 : requested));
    let text: string;
    let offset: number | null = null;
    if (processName === null) {
      text = 'No process name found';
    } else {
      const process = findProcess(model, processName);
      if (!process) {
        text = `ERROR: unexpected rpc fault [10] BAD_NAME: ${processName}`;
      } else if (process.stdoutLogPath === null) {
        text = `No file for ${processName}`;
      } else {
        const end = await readLogEnd(process.stdoutLogPath, limit).catch(() => null);
        text = end ? end.data.toString('utf8') : '';
        offset = end ? end.size : 0;
      }
    }
    sendPage(res, 200, renderTailPage({ processName, text, offset, limit, ...frame() }));
  }

  function tailFeed(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const processName = url.searchParams.get('processname') ?? '';
    const process = findProcess(model, processName);
    if (!process || process.stdoutLogPath === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain;charset=utf-8' });
      res.end(`No log to follow for ${processName}\n`);
      return;
    }
    const resumeAt = req.headers['last-event-id'] ?? url.searchParams.get('offset') ?? '0';
    const offset = Number.parseInt(String(resumeAt), 10);
    tailFeeds.attach(res, process.stdoutLogPath, Number.isNaN(offset) ? 0 : offset);
  }

  function staticAsset(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const asset = STATIC_ASSETS.get(path);
    if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const headers = {
      'Content-Type': asset.contentType,
      'Cache-Control': 'no-cache',
      ETag: asset.etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Length': asset.body.length });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
    return true;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    if (path === '' || path === 'index.html') {
      if (req.method === 'POST') return postAction(req, res, url);
      const action = url.searchParams.get('action');
      if (action !== null) return actionLink(req, res, url, action);
      return statusPage(res, url);
    }
    if (path === 'tail.html') return tailPage(res, url);
    if (path === 'ok.html') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 });
      res.end('OK');
      return;
    }
    if (path === 'events/status') return statusFeed.attach(res);
    if (path === 'events/tail') return tailFeed(req, res, url);
  }

  return {
    csrfToken: token.value,
    handle(req, res, url) {
      const path = webUiPath(url);
      if (path.startsWith('ui/')) return staticAsset(req, res, path);
      const isPage = PAGE_PATHS.includes(path);
      const isFeed = FEED_PATHS.includes(path);
      if (isPage ? req.method !== 'GET' && req.method !== 'POST' : !isFeed || req.method !== 'GET') return false;
      return route(req, res, url, path).then(
        () => true,
        () => {
          if (!res.headersSent) sendPage(res, 500, renderProblemPage({ heading: 'Internal error', detail: 'The request could not be completed.', ...frame() }));
          else res.destroy();
          return true;
        },
      );
    },
    claims(path) {
      const bare = stripSlashes(path);
      return PAGE_PATHS.includes(bare) || FEED_PATHS.includes(bare) || STATIC_ASSETS.has(bare);
    },
    close() {
      statusFeed.close();
      tailFeeds.close();
    },
  };
}

function invalidActionText(action: string): string {
  return `The action “${action}” is not one of start, stop, restart, clearlog (each with a processname), stopall, restartall or refresh.`;
}

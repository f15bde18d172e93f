/**
 * The daemon's HTTP servers: one `node:http` server per `[inet_http_server]` / `[unix_http_server]`
 * section, all sharing one router, each with its own Basic-auth credentials.
 */
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import type { HttpServerConfig } from '../config/types';
import type { RpcDispatcher } from '../rpc/dispatcher';
import type { RpcRegistry } from '../rpc/registry';
import type { SupervisorModel } from '../supervision/model';
import { FastRpcPath } from './fast-rpc-path';
import { createLogtailRoute, createMainLogtailRoute } from './logtail-routes';
import { RequestAuthenticator } from './request-authenticator';
import { sendError } from './responses';
import { HttpRouter } from './router';
import { createRpcRoute } from './rpc-route';
import { claimSocketPath } from './unix-socket-file';

export type HttpLog = (level: 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG' | 'TRAC', message: string) => void;

export const ADDRESS_IN_USE_MESSAGE =
  'Another program is already listening on a port that one of our HTTP servers is configured to use.  ' +
  'Shut this program down first before starting supervisord.';

/** Why the servers could not start; `message` is the text supervisord prints after `Error: `. */
export class HttpServerStartError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'HttpServerStartError';
  }
}

export interface HttpRouterDeps {
  dispatcher: RpcDispatcher;
  model: SupervisorModel;
}

/** A router with `/RPC2`, `/logtail` and `/mainlogtail`; more routes (the web UI) can be added. */
export function createHttpRouter(deps: HttpRouterDeps): HttpRouter {
  return new HttpRouter()
    .route('POST', '/RPC2', createRpcRoute(deps.dispatcher))
    .route('GET', '/logtail', createLogtailRoute(deps.model))
    .route('GET', '/mainlogtail', createMainLogtailRoute(deps.model));
}

export interface StartHttpServersDeps extends HttpRouterDeps {
  /** Frozen once the servers listen. */
  registry?: RpcRegistry;
  /** Defaults to `createHttpRouter(deps)`. */
  router?: HttpRouter;
  log?: HttpLog;
  /** Where "Unlinking stale socket" goes (supervisord writes it to stderr). */
  stderr?: (text: string) => void;
  /**
   * Answer plain keep-alive XML-RPC requests without node:http (see fast-rpc-path). Default
   * true; the answers are the same bytes either way.
   */
  fastRpcPath?: boolean;
}

export interface RunningHttpServer {
  config: HttpServerConfig;
  server: http.Server;
  /** `unix:///path` or `http://host:port` (with the actual port when 0 was configured). */
  url: string;
}

export interface HttpServersHandle {
  router: HttpRouter;
  servers: RunningHttpServer[];
  /** Stops listening, drops open connections and removes the unix socket files. */
  close(): Promise<void>;
}

/** Idle keep-alive connections are dropped after this long, as upstream does. */
export const IDLE_CONNECTION_TIMEOUT_MS = 30 * 60 * 1000;

/** A server, and how to drop the connections that node:http does not know about. */
interface CreatedServer {
  server: http.Server;
  destroyFastConnections: () => void;
}

/**
 * Puts the fast XML-RPC path in front of node:http: new connections go to it, and it hands them
 * to node:http's own connection handling when needed. Left out if node:http's setup is not the
 * single connection listener it has always been.
 */
function addFastRpcPath(server: http.Server, router: HttpRouter, authenticator: RequestAuthenticator | null): FastRpcPath | null {
  const listeners = server.listeners('connection');
  if (listeners.length !== 1) return null;
  const nodeConnectionListener = listeners[0] as (socket: net.Socket) => void;
  const fastPath = new FastRpcPath({
    router,
    authenticator,
    handOver: (socket) => nodeConnectionListener.call(server, socket),
    keepAliveTimeoutMs: () => server.keepAliveTimeout,
  });
  server.removeListener('connection', nodeConnectionListener);
  server.on('connection', (socket: net.Socket) => fastPath.accept(socket));
  return fastPath;
}

function createServer(config: HttpServerConfig, router: HttpRouter, log: HttpLog, fast: boolean): CreatedServer {
  const authenticator =
    config.username !== null && config.password !== null
      ? new RequestAuthenticator({ username: config.username, password: config.password })
      : null;
  const server = http.createServer({ noDelay: true, keepAlive: true }, (req, res) => {
    if (authenticator && !authenticator.isAuthorized(req.headers.authorization, req.socket)) {
      // The connection closes after this answer: read the request body first, or a client still
      // sending it (Python's http.client sends headers and body separately) gets EPIPE instead
      // of the 401.
      const refuse = () =>
        sendError(req, res, 401, [
          ['Connection', 'close'],
          ['WWW-Authenticate', 'Basic realm="default"'],
        ]);
      if (req.complete) refuse();
      else {
        req.once('end', refuse);
        req.resume();
      }
      return;
    }
    router.handle(req, res).catch((error: unknown) => {
      log('CRIT', `HTTP request ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendError(req, res, 500);
    });
  });
  server.keepAliveTimeout = IDLE_CONNECTION_TIMEOUT_MS;
  server.headersTimeout = 60 * 1000;
  server.requestTimeout = 0;
  const fastPath = fast ? addFastRpcPath(server, router, authenticator) : null;
  server.on('connection', (socket: net.Socket) => socket.setNoDelay(true));
  server.on('clientError', (_error, socket) => socket.destroy());
  return { server, destroyFastConnections: () => fastPath?.destroyAll() };
}

function listen(server: http.Server, target: { path: string } | { port: number; host?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ ...target, backlog: 1024, exclusive: true });
  });
}

function startError(error: NodeJS.ErrnoException): HttpServerStartError {
  if (error.code === 'EADDRINUSE') return new HttpServerStartError(ADDRESS_IN_USE_MESSAGE, error.code);
  return new HttpServerStartError(
    `Cannot open an HTTP server: socket.error reported errno.${error.code ?? 'UNKNOWN'} (${error.errno !== undefined ? Math.abs(error.errno) : '?'})`,
    error.code,
  );
}

/** A started server with what closing it needs. */
type StartedServer = RunningHttpServer & { socketIno?: number; destroyFastConnections: () => void };

async function startOne(
  config: HttpServerConfig,
  router: HttpRouter,
  log: HttpLog,
  stderr: (text: string) => void,
  fast: boolean,
): Promise<StartedServer> {
  const { server, destroyFastConnections } = createServer(config, router, log, fast);
  if (config.family === 'unix') {
    const state = await claimSocketPath(config.file);
    if (state === 'in-use') throw new HttpServerStartError(ADDRESS_IN_USE_MESSAGE, 'EADDRINUSE');
    if (state === 'stale-removed') stderr(`Unlinking stale socket ${config.file}\n`);
    try {
      await listen(server, { path: config.file });
    } catch (error) {
      throw startError(error as NodeJS.ErrnoException);
    }
    try {
      fs.chmodSync(config.file, config.chmod);
      const [uid, gid] = config.chown;
      if (uid !== -1 || gid !== -1) fs.chownSync(config.file, uid, gid);
    } catch (error) {
      server.close();
      const err = error as NodeJS.ErrnoException;
      const message =
        err.code === 'EPERM'
          ? `Not permitted to chown ${config.file} to uid/gid (${config.chown[0]}, ${config.chown[1]}); adjust "sockchown" value in config file or on command line to values that the current user (${process.env.USER ?? process.getuid?.()}) can successfully chown`
          : `Cannot set up unix socket ${config.file}: ${err.message}`;
      try {
        fs.unlinkSync(config.file);
      } catch {
        // already gone
      }
      throw new HttpServerStartError(message, err.code);
    }
    return { config, server, url: `unix://${config.file}`, socketIno: fs.statSync(config.file).ino, destroyFastConnections };
  }
  const host = config.host === '' || config.host === '*' ? undefined : config.host;
  try {
    await listen(server, { port: config.port, host });
  } catch (error) {
    throw startError(error as NodeJS.ErrnoException);
  }
  const address = server.address() as net.AddressInfo;
  const shownHost = host === undefined ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { config, server, url: `http://${shownHost}:${address.port}`, destroyFastConnections };
}

function closeServer({ server, destroyFastConnections }: StartedServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
    destroyFastConnections();
  });
}

/**
 * Starts every configured server. On any failure, the ones already started are closed again and
 * an HttpServerStartError is thrown.
 */
export async function startHttpServers(configs: readonly HttpServerConfig[], deps: StartHttpServersDeps): Promise<HttpServersHandle> {
  const log = deps.log ?? (() => undefined);
  const stderr = deps.stderr ?? ((text: string) => void process.stderr.write(text));
  const router = deps.router ?? createHttpRouter(deps);
  deps.registry?.start();
  const started: StartedServer[] = [];

  const close = async (): Promise<void> => {
    await Promise.all(started.map(closeServer));
    for (const running of started) {
      if (running.config.family !== 'unix' || running.socketIno === undefined) continue;
      try {
        // Only remove the file if it is still the socket we created.
        if (fs.statSync(running.config.file).ino === running.socketIno) fs.unlinkSync(running.config.file);
      } catch {
        // already gone
      }
    }
  };

  for (const config of configs) {
    try {
      started.push(await startOne(config, router, log, stderr, deps.fastRpcPath ?? true));
      if (config.username === null) log('CRIT', `Server '${config.section}' running without any HTTP authentication checking`);
    } catch (error) {
      await close();
      throw error;
    }
  }
  return { router, servers: started.map(({ config, server, url }) => ({ config, server, url })), close };
}

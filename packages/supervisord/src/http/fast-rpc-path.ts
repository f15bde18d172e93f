/**
 * Answers plain keep-alive XML-RPC requests straight from the socket, without node:http.
 *
 * Pollers send the same small POST to /RPC2 over and over on one connection; for them, node:http's
 * per-request machinery (request and response objects, streams, header maps) cost more than
 * the call itself. Every connection starts here. A request is answered here only when it
 * arrives whole in one read and `readSimpleRequest` accepts it, the router sends it to an XML-RPC
 * route, and it carries valid credentials where the server wants them; the answer has the very
 * bytes node:http would send (the same prepared response, plus node's keep-alive headers). The
 * first request that does not qualify hands the connection, with that request's bytes put back,
 * to node:http for the rest of its life; node then answers it (a 401, a 404, a chunked body, a
 * request split over several reads...) as it always did.
 */
import type net from 'node:net';
import type { RpcDispatcher } from '../rpc/dispatcher';
import type { RequestAuthenticator } from './request-authenticator';
import { reasonPhrase, type PreparedResponse } from './responses';
import type { HttpRouter } from './router';
import { rpcAnswer, rpcRouteDispatcher } from './rpc-route';
import { readSimpleRequest, type SimpleRequest } from './simple-request';

/** What node:http adds to its socket timeout after a response (its keep-alive grace). */
const KEEP_ALIVE_GRACE_MS = 1000;

export interface FastRpcPathOptions {
  router: HttpRouter;
  /** Null when the server checks no credentials. */
  authenticator: RequestAuthenticator | null;
  /** node:http's own handling of a new connection. */
  handOver: (socket: net.Socket) => void;
  /** The server's keep-alive timeout, read at each answer as node:http does. */
  keepAliveTimeoutMs: () => number;
}

/** Status line and headers as node:http writes them for a keep-alive response. */
export function keepAliveHead(response: PreparedResponse, keepAliveTimeoutMs: number): string {
  let head = `HTTP/1.1 ${response.status} ${reasonPhrase(response.status)}\r\n`;
  const fields = response.fields;
  for (let i = 0; i < fields.length; i += 2) head += `${fields[i]}: ${fields[i + 1]}\r\n`;
  head += 'Connection: keep-alive\r\n';
  if (keepAliveTimeoutMs > 0) head += `Keep-Alive: timeout=${Math.floor(keepAliveTimeoutMs / 1000)}\r\n`;
  return `${head}\r\n`;
}

export class FastRpcPath {
  /** Connections still answered here (not handed over yet). */
  private readonly connections = new Set<FastRpcConnection>();

  constructor(private readonly options: FastRpcPathOptions) {}

  accept(socket: net.Socket): void {
    const connection = new FastRpcConnection(socket, this.options, () => this.connections.delete(connection));
    this.connections.add(connection);
  }

  /** Drops every connection still answered here (node:http closes the ones it has). */
  destroyAll(): void {
    for (const connection of this.connections) connection.destroy();
    this.connections.clear();
  }
}

/** Bytes a client may send ahead while its request is answered, before reading pauses. */
const MAX_WAITING_BYTES = 65536;

class FastRpcConnection {
  private readonly onData = (chunk: Buffer): void => this.received(chunk);
  /** The client closed its side: like node:http, end ours at once (an answer in progress is dropped). */
  private readonly onEnd = (): void => void this.socket.end();
  private readonly onError = (): void => void this.socket.destroy();
  private readonly onTimeout = (): void => void this.socket.destroy();
  private readonly onClose = (): void => this.detach();
  /** The last request read here, and its bytes: a keep-alive client repeats its request exactly. */
  private lastBytes: Buffer | null = null;
  private lastRequest: SimpleRequest | null = null;
  /** A request is being answered; what arrives meanwhile waits in `waiting`. */
  private busy = false;
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  private attached = true;

  constructor(
    private readonly socket: net.Socket,
    private readonly options: FastRpcPathOptions,
    private readonly forget: () => void,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.on('timeout', this.onTimeout);
    socket.on('close', this.onClose);
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** The request in `chunk`, or null when it is not one this path answers. */
  private read(chunk: Buffer): SimpleRequest | null {
    if (this.lastBytes !== null && chunk.equals(this.lastBytes)) return this.lastRequest;
    const request = readSimpleRequest(chunk);
    if (request === null) return null;
    // Keep a copy, not the read buffer (a slice of a larger one); the body ends the request.
    const bytes = Buffer.from(chunk);
    this.lastBytes = bytes;
    this.lastRequest = { ...request, body: bytes.subarray(bytes.length - request.body.length) };
    return this.lastRequest;
  }

  private received(chunk: Buffer): void {
    if (this.busy) {
      // Requests are answered one at a time, in order, as node:http does.
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
      if (this.waitingBytes > MAX_WAITING_BYTES) this.socket.pause();
      return;
    }
    const request = this.read(chunk);
    const dispatcher = request === null ? undefined : this.dispatcherFor(request);
    const authenticator = this.options.authenticator;
    if (
      request === null ||
      dispatcher === undefined ||
      (authenticator !== null && !authenticator.isAuthorized(request.authorization, this.socket))
    ) {
      this.handOver(chunk);
      return;
    }
    this.busy = true;
    this.socket.setTimeout(0);
    dispatcher
      .handle(request.body)
      .then((outcome) => this.answer(rpcAnswer(outcome)))
      .catch(() => this.socket.destroy());
  }

  /** The dispatcher of the XML-RPC route the router picks for `request`, if it picks one. */
  private dispatcherFor(request: SimpleRequest): RpcDispatcher | undefined {
    let route: ReturnType<HttpRouter['resolve']>;
    try {
      route = this.options.router.resolve(request.method, request.rawUrl);
    } catch {
      // A route's path test failed: node:http's side reports it as it always has.
      return undefined;
    }
    return route === undefined || route === 'reject' ? undefined : rpcRouteDispatcher(route);
  }

  private answer(response: PreparedResponse): void {
    const socket = this.socket;
    if (socket.destroyed || !socket.writable) return;
    const keepAliveTimeoutMs = this.options.keepAliveTimeoutMs();
    socket.cork();
    socket.write(keepAliveHead(response, keepAliveTimeoutMs), 'latin1');
    socket.write(response.body);
    socket.uncork();
    if (keepAliveTimeoutMs > 0) socket.setTimeout(keepAliveTimeoutMs + KEEP_ALIVE_GRACE_MS);
    // Like node:http, take the next request only once the client takes what it was sent.
    if (socket.writableNeedDrain) {
      socket.pause();
      socket.once('drain', () => this.ready());
    } else {
      this.ready();
    }
  }

  /** Takes up what arrived while answering, and reads on. */
  private ready(): void {
    this.busy = false;
    const waiting = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    if (waiting.length > 0) this.received(waiting.length === 1 ? waiting[0] : Buffer.concat(waiting));
    if (this.attached && this.socket.isPaused()) this.socket.resume();
  }

  /** Leaves the connection to node:http, which reads `chunk` before anything after it. */
  private handOver(chunk: Buffer): void {
    this.detach();
    const socket = this.socket;
    socket.setTimeout(0);
    // node:http's listeners first, so that the bytes put back go to them and to no one else.
    this.options.handOver(socket);
    socket.unshift(chunk);
    if (socket.isPaused()) socket.resume();
  }

  private detach(): void {
    if (!this.attached) return;
    this.attached = false;
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('error', this.onError);
    this.socket.off('timeout', this.onTimeout);
    this.socket.off('close', this.onClose);
    this.forget();
  }
}

/**
 * XML-RPC client over HTTP on TCP or on a unix socket, with Basic authentication and one
 * persistent (keep-alive) connection per client, as Python's ServerProxy uses it.
 */
import http from 'node:http';
import type { Readable } from 'node:stream';
import {
  XmlRpcDecodeError,
  decodeMethodResponse,
  encodeMethodCall,
  faultFromWire,
  type XmlRpcValue,
} from '@supervisor-ts/protocol';
import { parseServerUrl, type ServerAddress } from './server-url';
import { ConnectionError, HttpStatusError, ResponseFormatError } from './transport-errors';

export interface XmlRpcClientOptions {
  username?: string | null;
  password?: string | null;
}

/** An open streaming GET (`/logtail/...`, `/mainlogtail`). */
export interface HttpStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body, de-chunked; it ends only when the server closes or `close()` is called. */
  body: Readable;
  close(): void;
}

interface RawResponse {
  status: number;
  reason: string;
  body: Buffer;
}

export class XmlRpcClient {
  readonly serverUrl: string;
  private readonly address: ServerAddress;
  private readonly authorization: string | null;
  private readonly agent: http.Agent;

  constructor(serverUrl: string, options: XmlRpcClientOptions = {}) {
    this.serverUrl = serverUrl;
    this.address = parseServerUrl(serverUrl);
    const { username, password } = options;
    // Like supervisorctl: send credentials whenever both are given, even empty ones.
    this.authorization =
      username !== undefined && username !== null && password !== undefined && password !== null
        ? `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
        : null;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** Calls `method`; resolves with its result, rejects with RpcFault, HttpStatusError, ConnectionError or ResponseFormatError. */
  async call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    const body = Buffer.from(encodeMethodCall(method, params), 'utf8');
    const response = await this.post(body, true);
    if (response.status !== 200) {
      throw new HttpStatusError(response.status, response.reason, response.body.toString('utf8'));
    }
    let decoded;
    try {
      decoded = decodeMethodResponse(response.body);
    } catch (error) {
      if (error instanceof XmlRpcDecodeError) throw new ResponseFormatError(`bad XML-RPC response: ${error.message}`);
      throw error;
    }
    if (decoded.kind === 'fault') throw faultFromWire(decoded.faultCode, decoded.faultString);
    return decoded.value;
  }

  /** Opens a streaming GET on its own connection; resolves once the status line has arrived. */
  stream(path: string): Promise<HttpStream> {
    return new Promise((resolve, reject) => {
      const request = http.request({
        ...this.target(),
        method: 'GET',
        path,
        headers: this.headers({ Accept: '*/*', 'Accept-Encoding': 'chunked', Connection: 'keep-alive' }),
        agent: false,
      });
      request.once('error', (error) => reject(this.connectionError(error)));
      request.once('response', (response) => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: response,
          close: () => {
            response.destroy();
            request.destroy();
          },
        });
      });
      request.end();
    });
  }

  /** Drops the persistent connection. */
  close(): void {
    this.agent.destroy();
  }

  private target(): http.RequestOptions {
    return this.address.kind === 'unix'
      ? { socketPath: this.address.socketPath }
      : { host: this.address.host, port: this.address.port };
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { Host: this.address.hostHeader, ...extra };
    if (this.authorization) headers.Authorization = this.authorization;
    return headers;
  }

  private connectionError(error: NodeJS.ErrnoException): ConnectionError {
    const where = this.address.kind === 'unix' ? this.address.socketPath : `${this.address.host}:${this.address.port}`;
    return new ConnectionError(`${error.code ?? 'error'} connecting to ${where}: ${error.message}`, error.code, error);
  }

  private post(body: Buffer, mayRetry: boolean): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const request = http.request({
        ...this.target(),
        method: 'POST',
        path: this.address.rpcPath,
        agent: this.agent,
        headers: this.headers({
          'Content-Type': 'text/xml',
          Accept: 'text/xml',
          'Content-Length': String(body.length),
        }),
      });
      request.once('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed meanwhile: try once on a fresh one.
        if (mayRetry && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          this.post(body, false).then(resolve, reject);
          return;
        }
        reject(this.connectionError(error));
      });
      request.once('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', (error: NodeJS.ErrnoException) => reject(this.connectionError(error)));
        response.once('end', () => {
          const status = response.statusCode ?? 0;
          // After an error status the connection is not reused (as Python's client does).
          if (status !== 200) response.socket?.destroy();
          resolve({ status, reason: response.statusMessage ?? '', body: Buffer.concat(chunks) });
        });
      });
      request.end(body);
    });
  }
}

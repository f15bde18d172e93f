/**
 * A minimal HTTP/1.1 keep-alive connection that posts a prepared XML-RPC request and returns the
 * raw response body. It keeps the load generator's own CPU cost low so the daemon is measured,
 * not the client's XML decoder.
 */
import net from 'node:net';

export type Endpoint = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

export interface RawResponse {
  status: number;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export function buildRequest(xmlBody: string): Buffer {
  const body = Buffer.from(xmlBody, 'utf8');
  const head = `POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nAccept: text/xml\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

interface Pending {
  resolve: (response: RawResponse) => void;
  reject: (error: Error) => void;
}

export class RawRpcConnection {
  /** What was read and not consumed yet, in pieces: joined once a whole response is there. */
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /** The head of the response being read, once it is complete. */
  private head: { status: number; bodyStart: number; length: number | null } | null = null;
  private pending: Pending | null = null;
  private closedError: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.bufferedBytes += chunk.length;
      this.tryComplete();
    });
    const fail = (error: Error) => {
      this.closedError = error;
      const pending = this.pending;
      this.pending = null;
      pending?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  static connect(endpoint: Endpoint): Promise<RawRpcConnection> {
    return new Promise((resolve, reject) => {
      const socket =
        endpoint.kind === 'tcp' ? net.connect(endpoint.port, endpoint.host) : net.connect(endpoint.path);
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new RawRpcConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  request(payload: Buffer): Promise<RawResponse> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.pending) return Promise.reject(new Error('request already in flight'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(payload);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** Everything buffered as one Buffer (kept as the only piece). */
  private joined(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.bufferedBytes)];
    return this.chunks[0];
  }

  private tryComplete(): void {
    if (!this.pending) return;
    if (this.head === null) {
      const buffered = this.joined();
      const headerEnd = buffered.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const head = buffered.subarray(0, headerEnd).toString('latin1');
      const status = Number(head.slice(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
      const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!lengthMatch && !/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
        // Body delimited by the end of the connection: wait for close (not expected from supervisord).
        return;
      }
      this.head = { status, bodyStart: headerEnd + 4, length: lengthMatch ? Number(lengthMatch[1]) : null };
    }
    const { status, bodyStart, length } = this.head;
    let body: Buffer;
    let consumed: number;
    if (length !== null) {
      if (this.bufferedBytes < bodyStart + length) return;
      const buffered = this.joined();
      body = buffered.subarray(bodyStart, bodyStart + length);
      consumed = bodyStart + length;
    } else {
      const parsed = parseChunked(this.joined(), bodyStart);
      if (!parsed) return;
      ({ body, consumed } = parsed);
    }
    const rest = this.joined().subarray(consumed);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.bufferedBytes = rest.length;
    this.head = null;
    const pending = this.pending;
    this.pending = null;
    pending.resolve({ status, body });
  }
}

function parseChunked(buffer: Buffer, start: number): { body: Buffer; consumed: number } | null {
  const parts: Buffer[] = [];
  let offset = start;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) return null;
    const size = parseInt(buffer.subarray(offset, lineEnd).toString('latin1'), 16);
    const dataStart = lineEnd + 2;
    if (Number.isNaN(size)) throw new Error('malformed chunked response');
    if (size === 0) {
      // Last chunk: an empty line, or trailers ending with one.
      if (buffer.length < dataStart + 2) return null;
      if (buffer[dataStart] === 13 && buffer[dataStart + 1] === 10) return { body: Buffer.concat(parts), consumed: dataStart + 2 };
      const trailerEnd = buffer.indexOf(HEADER_END, dataStart);
      return trailerEnd < 0 ? null : { body: Buffer.concat(parts), consumed: trailerEnd + 4 };
    }
    if (buffer.length < dataStart + size + 2) return null;
    parts.push(buffer.subarray(dataStart, dataStart + size));
    offset = dataStart + size + 2;
  }
}

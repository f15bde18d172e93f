import * as http from 'node:http';
import type { ServerConnection } from './supervisor-api';

/** A running GET of a never-ending log stream (`/logtail/...`, `/mainlogtail`). */
export interface LogStreamHandle {
  /** Settles when the server ends the stream, the request fails, or `close` is called. */
  readonly done: Promise<void>;
  close(): void;
}

export interface LogStreamSink {
  data(chunk: Buffer): void;
  /** A non-200 answer. */
  refused(status: number): void;
  /** A connection-level failure. */
  failed(error: Error): void;
}

export type LogStreamer = (connection: ServerConnection, path: string, sink: LogStreamSink) => LogStreamHandle;

/**
 * Streams a log over plain HTTP/1.1 the way supervisorctl's own small client does: basic auth only
 * when a password is set, chunked or length-delimited bodies, data delivered as it arrives.
 */
export const httpLogStreamer: LogStreamer = (connection, path, sink) => {
  const url = connection.serverurl;
  const headers: Record<string, string> = {
    'Accept-Encoding': 'chunked',
    Accept: '*/*',
    'User-Agent': 'Supervisor HTTP Client',
    // With `Connection: close` the real server holds the body back until the stream ends.
    Connection: 'keep-alive',
  };
  if (connection.password !== null && connection.password !== '') {
    const token = Buffer.from(`${connection.username ?? ''}:${connection.password}`).toString('base64');
    headers.Authorization = `Basic ${token}`;
  }
  const options: http.RequestOptions = { method: 'GET', path, headers, agent: false };
  if (url.startsWith('unix://')) {
    options.socketPath = url.slice('unix://'.length);
    headers.Host = 'localhost';
  } else {
    const parsed = new URL(url);
    options.host = parsed.hostname.replace(/^\[|\]$/g, '');
    options.port = parsed.port === '' ? 80 : Number(parsed.port);
  }
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    settle = resolve;
  });
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    settle();
  };
  const request = http.request(options, (response) => {
    if (response.statusCode !== 200) {
      sink.refused(response.statusCode ?? 0);
      response.resume();
      request.destroy();
      finish();
      return;
    }
    response.on('data', (chunk: Buffer) => {
      if (!finished) sink.data(chunk);
    });
    response.on('end', finish);
    response.on('close', finish);
    response.on('error', finish);
  });
  request.on('error', (error) => {
    if (!finished) sink.failed(error);
    finish();
  });
  request.end();
  return {
    done,
    close: () => {
      finish();
      request.destroy();
    },
  };
};

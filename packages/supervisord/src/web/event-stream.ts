/** A server-sent events response: headers, named events and keep-alive comments. */
import type { ServerResponse } from 'node:http';

export interface EventStream {
  send(event: string, data: unknown, id?: string): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
}

export function openEventStream(res: ServerResponse, onClose: () => void): EventStream {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream;charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write('retry: 1000\n\n');
  let closed = false;
  const finish = (): void => {
    if (closed) return;
    closed = true;
    onClose();
  };
  res.on('close', finish);
  res.on('error', finish);
  return {
    send(event, data, id) {
      if (closed) return;
      const idLine = id === undefined ? '' : `id: ${id}\n`;
      res.write(`event: ${event}\n${idLine}data: ${JSON.stringify(data)}\n\n`);
    },
    comment(text) {
      if (!closed) res.write(`: ${text}\n\n`);
    },
    close() {
      if (!closed) res.end();
      finish();
    },
    get closed() {
      return closed;
    },
  };
}

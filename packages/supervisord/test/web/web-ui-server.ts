/**
 * Serves a web UI from a plain node:http server on 127.0.0.1, the way the daemon's router mounts
 * it: the UI first, then 404 (GET/HEAD) or 400 for whatever it declines.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SupervisorModel } from '../../src/supervision/model';
import { createWebUi, requestUrl, type WebUi } from '../../src/web';

export interface WebUiServer {
  server: Server;
  webUi: WebUi;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startWebUiServer(model: SupervisorModel, port = 0): Promise<WebUiServer> {
  const webUi = createWebUi(model, { supervisorVersion: '4.2.5' });
  const server = createServer((req, res) => {
    void Promise.resolve(webUi.handle(req, res, requestUrl(req))).then((handled) => {
      if (handled) return;
      const status = req.method === 'GET' || req.method === 'HEAD' ? 404 : 400;
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : `${status}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    server,
    webUi,
    baseUrl: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        webUi.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The XML-RPC endpoint: POST to any path starting with `/RPC2`. */
import type { RpcDispatcher } from '../rpc/dispatcher';
import { sendComplete, sendError } from './responses';
import type { RouteHandler } from './router';

/** Largest request body accepted (a generous bound; requests are small). */
export const MAX_RPC_BODY_BYTES = 64 * 1024 * 1024;

export function createRpcRoute(dispatcher: RpcDispatcher): RouteHandler {
  return ({ req, res }) =>
    new Promise<void>((resolve) => {
      const declared = req.headers['content-length'];
      const chunked = /chunked/i.test(req.headers['transfer-encoding'] ?? '');
      if (declared === undefined && !chunked) {
        sendError(req, res, 411);
        req.resume();
        resolve();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let refused = false;
      req.on('data', (chunk: Buffer) => {
        if (refused) return;
        size += chunk.length;
        if (size > MAX_RPC_BODY_BYTES) {
          refused = true;
          sendError(req, res, 413, [['Connection', 'close']]);
          resolve();
          return;
        }
        chunks.push(chunk);
      });
      req.on('error', () => resolve());
      req.on('end', () => {
        if (refused) return;
        dispatcher.handle(Buffer.concat(chunks)).then((outcome) => {
          if (outcome.status === 200) {
            sendComplete(req, res, 200, [['Content-Type', 'text/xml']], outcome.body);
          } else {
            sendError(req, res, outcome.status);
          }
          resolve();
        });
      });
    });
}

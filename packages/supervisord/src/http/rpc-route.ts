/** The XML-RPC endpoint: POST to any path starting with `/RPC2`. */
import type { DispatchOutcome, RpcDispatcher } from '../rpc/dispatcher';
import { completeResponse, errorResponse, sendError, sendPrepared, type PreparedResponse } from './responses';
import type { RouteHandler } from './router';

/** Largest request body accepted (a generous bound; requests are small). */
export const MAX_RPC_BODY_BYTES = 64 * 1024 * 1024;

/** The HTTP answer to a dispatch outcome: the XML-RPC document, or the error page. */
export function rpcAnswer(outcome: DispatchOutcome): PreparedResponse {
  return outcome.status === 200 ? completeResponse(200, [['Content-Type', 'text/xml']], outcome.body) : errorResponse(outcome.status);
}

/** The dispatcher behind each handler made here (for answering without node:http, see fast-rpc-path). */
const dispatchers = new WeakMap<RouteHandler, RpcDispatcher>();

/** The dispatcher a route handler passes requests to, when it is an XML-RPC route. */
export function rpcRouteDispatcher(handler: RouteHandler): RpcDispatcher | undefined {
  return dispatchers.get(handler);
}

export function createRpcRoute(dispatcher: RpcDispatcher): RouteHandler {
  const handler: RouteHandler = ({ req, res }) =>
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
        dispatcher.handle(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).then((outcome) => {
          sendPrepared(req, res, rpcAnswer(outcome));
          resolve();
        });
      });
    });
  dispatchers.set(handler, dispatcher);
  return handler;
}

/**
 * Puts the web UI on the daemon's HTTP router, after `/RPC2`, `/logtail` and `/mainlogtail`:
 * its paths with GET/POST (pages) or GET/HEAD (assets) are served by the UI; the same paths
 * with another method get 404 (GET/HEAD) or 400, as the static-file handler of 4.2.5 answers.
 * Every route sits behind the router's server, so Basic auth applies to all of them.
 */
import { sendError } from '../http/responses';
import type { HttpRouter } from '../http/router';
import { requestUrl, type WebUi } from './web-ui';

export function mountWebUi(router: HttpRouter, webUi: WebUi): HttpRouter {
  return router.route(
    '*',
    (path) => webUi.claims(path),
    async ({ req, res }) => {
      const handled = await webUi.handle(req, res, requestUrl(req));
      if (!handled) sendError(req, res, req.method === 'GET' || req.method === 'HEAD' ? 404 : 400);
    },
  );
}

/**
 * The request router shared by every HTTP server of the daemon. Routes are consulted in the order
 * they were added; the first whose path test matches handles the request.
 */
import type http from 'node:http';
import { sendError } from './responses';

export interface RouteRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** The request target as sent (path and query). */
  rawUrl: string;
  /** The path without the query, percent-decoded. */
  path: string;
  /** The query string without `?`, or ''. */
  query: string;
}

export type RouteHandler = (request: RouteRequest) => void | Promise<void>;

export interface RouteOptions {
  /**
   * What happens when the path matches but the method is not one of the route's: `reject`
   * (default) answers 400 as supervisord does; `next` lets later routes try.
   */
  otherMethods?: 'reject' | 'next';
}

interface Route {
  methods: readonly string[] | '*';
  matches: (path: string, rawUrl: string) => boolean;
  handler: RouteHandler;
  otherMethods: 'reject' | 'next';
}

function decodePath(rawPath: string): string {
  if (!rawPath.includes('%')) return rawPath;
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

export class HttpRouter {
  private readonly routes: Route[] = [];

  /**
   * Adds a route. `method` is one method, a list, or `*`. `match` is a path prefix (compared with
   * the raw request target, as supervisord does) or a test on the decoded path.
   */
  route(
    method: string | readonly string[],
    match: string | ((path: string, rawUrl: string) => boolean),
    handler: RouteHandler,
    options: RouteOptions = {},
  ): this {
    const methods = method === '*' ? '*' : typeof method === 'string' ? [method.toUpperCase()] : method.map((m) => m.toUpperCase());
    const matches =
      typeof match === 'string' ? (path: string, rawUrl: string) => rawUrl.startsWith(match) || path.startsWith(match) : match;
    this.routes.push({ methods, matches, handler, otherMethods: options.otherMethods ?? 'reject' });
    return this;
  }

  /** Routes one (already authenticated) request; unmatched requests get 404. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const request: RouteRequest = {
      req,
      res,
      rawUrl,
      path: decodePath(rawPath),
      query: queryAt === -1 ? '' : rawUrl.slice(queryAt + 1),
    };
    const method = (req.method ?? 'GET').toUpperCase();
    for (const route of this.routes) {
      if (!route.matches(request.path, rawUrl)) continue;
      if (route.methods !== '*' && !route.methods.includes(method)) {
        if (route.otherMethods === 'next') continue;
        sendError(req, res, 400);
        return;
      }
      await route.handler(request);
      return;
    }
    sendError(req, res, 404);
  }
}

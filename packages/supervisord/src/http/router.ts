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

function rawPathOf(rawUrl: string): string {
  const queryAt = rawUrl.indexOf('?');
  return queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
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

  /**
   * Which handler answers `method` on `rawUrl`: the route's handler, `reject` (a matching route
   * refuses the method: 400), or undefined (no route: 404).
   */
  resolve(method: string, rawUrl: string): RouteHandler | 'reject' | undefined {
    return this.resolvePath(method.toUpperCase(), rawUrl, decodePath(rawPathOf(rawUrl)));
  }

  /** Routes one (already authenticated) request; unmatched requests get 404. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const request: RouteRequest = {
      req,
      res,
      rawUrl,
      path: decodePath(rawPathOf(rawUrl)),
      query: queryAt === -1 ? '' : rawUrl.slice(queryAt + 1),
    };
    const handler = this.resolvePath((req.method ?? 'GET').toUpperCase(), rawUrl, request.path);
    if (handler === undefined) sendError(req, res, 404);
    else if (handler === 'reject') sendError(req, res, 400);
    else await handler(request);
  }

  private resolvePath(method: string, rawUrl: string, path: string): RouteHandler | 'reject' | undefined {
    for (const route of this.routes) {
      if (!route.matches(path, rawUrl)) continue;
      if (route.methods !== '*' && !route.methods.includes(method)) {
        if (route.otherMethods === 'next') continue;
        return 'reject';
      }
      return route.handler;
    }
    return undefined;
  }
}

export {
  startHttpServers,
  createHttpRouter,
  HttpServerStartError,
  ADDRESS_IN_USE_MESSAGE,
  type HttpServersHandle,
  type RunningHttpServer,
  type StartHttpServersDeps,
  type HttpRouterDeps,
  type HttpLog,
} from './http-servers';
export { HttpRouter, type RouteHandler, type RouteRequest, type RouteOptions } from './router';
export { sendComplete, sendError, errorPageBody, baseHeaders, reasonPhrase, SERVER_HEADER } from './responses';
export { isAuthorized, passwordMatches, type Credentials } from './basic-auth';
export { followLogFile } from './log-follower';

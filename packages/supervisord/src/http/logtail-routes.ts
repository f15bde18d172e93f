/** `/logtail/<namespec>[/<channel>]` and `/mainlogtail`: streaming log files over HTTP. */
import fs from 'node:fs';
import { splitNamespec } from '@supervisor-ts/protocol';
import type { SupervisorModel } from '../supervision/model';
import { flushPendingLogWrites } from '../logging/pending-log-writes';
import { followLogFile } from './log-follower';
import { baseHeaders, sendError } from './responses';
import type { RouteHandler, RouteRequest } from './router';

function startStream(request: RouteRequest, path: string | null, extraHeaders: [string, string][]): void {
  const { req, res } = request;
  if (path === null) {
    sendError(req, res, 404);
    return;
  }
  let stat: fs.Stats;
  flushPendingLogWrites();
  try {
    stat = fs.statSync(path);
  } catch {
    sendError(req, res, 404);
    return;
  }
  res.sendDate = false;
  res.statusCode = 200;
  res.statusMessage = 'OK';
  for (const [name, value] of [
    ...baseHeaders(),
    ['Last-Modified', stat.mtime.toUTCString()],
    ['Content-Type', 'text/plain;charset=utf-8'],
    ...extraHeaders,
  ] as [string, string][]) {
    res.setHeader(name, value);
  }
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  followLogFile(path, stat, res);
}

/** Finds the log path for `/logtail/<name>[/<channel>]`, or null for a 404. */
export function logtailPath(model: SupervisorModel, path: string): string | null {
  const rest = path.slice('/logtail'.length).replace(/^\//, '');
  if (rest === '') return null;
  const slash = rest.indexOf('/');
  const name = slash === -1 ? rest : rest.slice(0, slash);
  const channel = slash === -1 ? 'stdout' : rest.slice(slash + 1);
  if (channel !== 'stdout' && channel !== 'stderr') return null;
  const { group: groupName, process: processName } = splitNamespec(name);
  if (processName === null) return null;
  const process = model.getGroup(groupName)?.processes.find((candidate) => candidate.name === processName);
  if (!process) return null;
  return channel === 'stdout' ? process.stdoutLogPath : process.stderrLogPath;
}

export function createLogtailRoute(model: SupervisorModel): RouteHandler {
  return (request) => startStream(request, logtailPath(model, request.path), [['X-Accel-Buffering', 'no']]);
}

export function createMainLogtailRoute(model: SupervisorModel): RouteHandler {
  return (request) => startStream(request, model.mainLogPath, []);
}

/** The URL children get in SUPERVISOR_SERVER_URL. */
import * as path from 'node:path';
import type { ProcessConfig, ResolvedConfig } from '../config/types';

/** supervisord's own URL: the configured one, else the first unix server, else the inet server. */
export function supervisordServerUrl(config: ResolvedConfig): string | null {
  if (config.supervisord.serverurl !== null) return config.supervisord.serverurl;
  const unix = config.http_servers.find((server) => server.family === 'unix');
  if (unix && unix.family === 'unix') return `unix://${path.resolve(unix.file)}`;
  const inet = config.http_servers.find((server) => server.family === 'inet');
  if (inet && inet.family === 'inet') {
    const host = inet.host === '' || inet.host === '*' ? 'localhost' : inet.host;
    return `http://${host}:${inet.port}`;
  }
  return null;
}

export function processServerUrl(process: ProcessConfig, fallback: string | null): string | null {
  if (process.serverurl !== null && process.serverurl !== 'AUTO') return process.serverurl;
  return fallback;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { SupervisorctlConfigError, readSupervisorctlConfigFile } from './config-file';

/** The `[supervisorctl]` settings of a config file (absent keys are undefined). */
export interface CtlSettings {
  serverurl?: string;
  username?: string;
  password?: string;
  prompt?: string;
  historyFile?: string;
}

/** A config file that cannot be used; printed as `Error: <message>` plus a hint, exit status 2. */
export class CtlConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CtlConfigError';
  }
}

/** Where supervisorctl looks for a config file when `-c` is not given, in order. */
export function configSearchPath(scriptPath: string, cwd: string): string[] {
  const here = path.dirname(scriptPath);
  return [
    path.join(here, '..', 'etc', 'supervisord.conf'),
    path.join(here, '..', 'supervisord.conf'),
    path.join(cwd, 'supervisord.conf'),
    path.join(cwd, 'etc', 'supervisord.conf'),
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ];
}

export function findConfigFile(scriptPath: string, cwd: string): string | null {
  return configSearchPath(scriptPath, cwd).find((candidate) => fs.existsSync(candidate)) ?? null;
}

/** Reads the `[supervisorctl]` section of `file` with upstream's rules (see config-file.ts). */
export function readCtlSettings(file: string): CtlSettings {
  let config;
  try {
    config = readSupervisorctlConfigFile(file);
  } catch (error) {
    if (!(error instanceof SupervisorctlConfigError)) throw error;
    // Upstream's two file-level messages name no line; keep them exactly, prefix-free.
    throw new CtlConfigError(error.line === null && error.section === null ? error.detail : error.message);
  }
  const settings: CtlSettings = { serverurl: config.serverurl, prompt: config.prompt };
  if (config.username !== null) settings.username = config.username;
  if (config.password !== null) settings.password = config.password;
  if (config.history_file !== null) settings.historyFile = config.history_file;
  return settings;
}

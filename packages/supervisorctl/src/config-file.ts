/**
 * Reads the supervisorctl side of a supervisord.conf: `[supervisorctl]` (serverurl, username,
 * password, prompt, history_file) and `[ctlplugin:x]`, as Supervisor 4.2.5's supervisorctl does.
 * `[include]` is NOT followed (upstream does not either).
 *
 *   const settings = readSupervisorctlConfigFile('/etc/supervisord.conf');
 *   // settings.serverurl === 'unix:///var/run/supervisor.sock', ...
 *
 * Throws SupervisorctlConfigError (message names file, line, section and key) when the file is
 * missing, unreadable, not valid INI, has no [supervisorctl] section or a bad `%(...)s`.
 */
import * as fs from 'node:fs';
import {
  parseSupervisorctlSection,
  SupervisorctlConfigError,
  type SupervisorctlFileConfig,
} from '@supervisor-ts/protocol';

export { SupervisorctlConfigError, type SupervisorctlFileConfig };

export interface ReadSupervisorctlConfigOptions {
  /** Environment for `%(ENV_X)s` and `~`; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against; default process.cwd(). */
  cwd?: string;
  /** `[ctlplugin:x]` factories that can be loaded; default none. */
  resolvableSpecs?: ReadonlySet<string>;
}

function passwdHome(match: (fields: string[]) => boolean): string | undefined {
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f.length >= 7 && match(f)) return f[5];
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function readSupervisorctlConfigFile(file: string, options: ReadSupervisorctlConfigOptions = {}): SupervisorctlFileConfig {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env ?? process.env)) if (v !== undefined) env[k] = v;
  if (!fs.existsSync(file)) throw new SupervisorctlConfigError(`could not find config file ${file}`, file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SupervisorctlConfigError(`could not read config file ${file}`, file);
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return parseSupervisorctlSection({
    file,
    text,
    env,
    cwd: options.cwd ?? process.cwd(),
    home: {
      home: env.HOME,
      currentUserHome: () => passwdHome((f) => Number(f[2]) === uid),
      userHome: (name) => passwdHome((f) => f[0] === name),
    },
    resolvableSpecs: options.resolvableSpecs ?? new Set(),
  });
}

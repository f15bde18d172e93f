/**
 * supervisord's entry point: command line, config file, then the daemon.
 * Exit codes as upstream: 0 for -h/-v, 2 for a command-line or config error.
 */
import { parseSupervisorctlSection, SupervisorctlConfigError } from '@supervisor-ts/protocol';
import { parseCommandLine, usageText, type SupervisordOptions } from './cli/options';
import { ConfigError } from './config/config-error';
import { defaultConfigHost, type ConfigHost } from './config/config-host';
import { checkConfig, loadConfig } from './config/load';
import { printConfig, type SupervisorctlView } from './config/print-config';
import { findConfigFile, noConfigFileMessage } from './config/search-path';
import { runDaemon } from './daemon/run';

/** The version supervisorctl and XML-RPC clients expect from a Supervisor 4.2.5 server. */
export const SUPERVISOR_VERSION = '4.2.5';

export interface MainIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Path the program was started as (for the default config search and messages). */
  argv0: string;
  host: ConfigHost;
}

function defaultIo(): MainIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    argv0: process.argv[1] ?? 'supervisord',
    host: defaultConfigHost(),
  };
}

const ROOT_SEARCH_WARNING =
  'UserWarning: Supervisord is running as root and it is searching for its configuration file in default locations ' +
  '(including its current working directory); you probably want to specify a "-c" argument specifying an absolute ' +
  'path to a configuration file for improved security.\n';

function ctlView(file: string, host: ConfigHost): SupervisorctlView {
  try {
    return parseSupervisorctlSection({
      file,
      text: host.readFile(file),
      env: host.env,
      cwd: host.cwd(),
      home: {
        home: host.env.HOME,
        currentUserHome: () => host.getpwuid(host.getuid())?.home,
        userHome: (n) => host.getpwnam(n)?.home,
      },
      resolvableSpecs: host.resolvableSpecs,
    });
  } catch (e) {
    if (e instanceof SupervisorctlConfigError) return { error: e.message };
    throw e;
  }
}

/**
 * Runs supervisord with `argv` (without node and script). Resolves to the exit code;
 * the daemon's own exit code when it ran.
 */
export async function runMain(argv: string[], io: MainIo = defaultIo()): Promise<number> {
  const usageError = (message: string): number => {
    io.stderr(`Error: ${message}\nFor help, use ${io.argv0} -h\n`);
    return 2;
  };
  const parsed = parseCommandLine(argv, io.host);
  if (parsed.action === 'help') {
    io.stdout(usageText(io.argv0));
    return 0;
  }
  if (parsed.action === 'version') {
    io.stdout(`${SUPERVISOR_VERSION}\n`);
    return 0;
  }
  if (parsed.action === 'error') return usageError(parsed.message);
  const options: SupervisordOptions = parsed.options;

  let configfile = options.configfile;
  if (configfile === null) {
    if (io.host.getuid() === 0) io.stderr(ROOT_SEARCH_WARNING);
    configfile = findConfigFile(io.argv0, (p) => io.host.exists(p));
    if (configfile === null) return usageError(noConfigFileMessage(io.argv0));
  }
  const loadOptions = { host: io.host, overrides: options.overrides };

  if (options.checkConfig) {
    const result = checkConfig(configfile, loadOptions);
    if (result.errors.length === 0) {
      for (const w of result.config?.warnings ?? []) io.stdout(`WARN ${w}\n`);
      io.stdout('OK\n');
      return 0;
    }
    for (const e of result.errors) io.stderr(`Error: ${e.message}\n`);
    return 2;
  }

  let config;
  try {
    config = loadConfig(configfile, loadOptions);
  } catch (e) {
    if (e instanceof ConfigError) {
      if (options.printConfig) {
        io.stderr(`Error: ${e.message}\n`);
        return 2;
      }
      return usageError(e.message);
    }
    throw e;
  }
  if (options.printConfig) {
    io.stdout(printConfig(config, ctlView(configfile, io.host)));
    return 0;
  }
  const configPath = config.configfile;
  return runDaemon(config, {
    overrides: options.overrides,
    reread: () => loadConfig(configPath, loadOptions),
  });
}

/** The command-line entry point used by bin/supervisord.js. */
export function main(argv: string[]): void {
  runMain(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

/**
 * supervisord's command line, parsed as Supervisor 4.2.5 parses it (Python getopt: short flags
 * combine, values attached or separate, long options as `--opt=value` or `--opt value` or any
 * unique prefix, parsing stops at the first non-option, positional arguments refused).
 * Values are checked with the same converters as the config file. Our additions:
 * `--print-config` and `--check-config`.
 */
import { pyExpanduser, pythonRepr } from '@supervisor-ts/protocol';
import { defaultConfigHost, type ConfigHost } from '../config/config-host';
import { ConversionError } from '../config/conversion-error';
import * as dt from '../config/datatypes';
import type { ConfigOverrides } from '../config/load';

export interface SupervisordOptions {
  /** `-c`: the config file, or null to search the default paths. */
  configfile: string | null;
  /** Values that override the config file. */
  overrides: ConfigOverrides;
  /** `--profile_options` as given (accepted, has no effect). */
  profileOptions: string | null;
  printConfig: boolean;
  checkConfig: boolean;
}

export type ParsedCommandLine =
  | { action: 'run'; options: SupervisordOptions }
  | { action: 'help' }
  | { action: 'version' }
  | { action: 'error'; message: string };

type Handler = (value: string, host: ConfigHost) => unknown;

interface OptionSpec {
  short?: string;
  long: string;
  /** Field set by the option; null for help/version. */
  field: keyof ConfigOverrides | 'configfile' | 'profileOptions' | 'printConfig' | 'checkConfig' | 'help' | 'version';
  takesValue: boolean;
  handler?: Handler;
}

const expand = (v: string, host: ConfigHost): string =>
  pyExpanduser(v, {
    home: host.env.HOME,
    currentUserHome: () => host.getpwuid(host.getuid())?.home,
    userHome: (n) => host.getpwnam(n)?.home,
  });

const SPECS: OptionSpec[] = [
  { short: 'h', long: 'help', field: 'help', takesValue: false },
  { short: '?', long: '', field: 'help', takesValue: false },
  { short: 'c', long: 'configuration', field: 'configfile', takesValue: true },
  { short: 'v', long: 'version', field: 'version', takesValue: false },
  { short: 'n', long: 'nodaemon', field: 'nodaemon', takesValue: false },
  { short: 'u', long: 'user', field: 'user', takesValue: true },
  { short: 'm', long: 'umask', field: 'umask', takesValue: true, handler: (v) => dt.octal(v) },
  {
    short: 'd',
    long: 'directory',
    field: 'directory',
    takesValue: true,
    handler: (v, h) => dt.existingDirectory(v, expand(v, h), (d) => h.isDirectory(d)),
  },
  {
    short: 'l',
    long: 'logfile',
    field: 'logfile',
    takesValue: true,
    handler: (v, h) => dt.existingDirpath(v, expand(v, h), (d) => h.isDirectory(d)),
  },
  { short: 'y', long: 'logfile_maxbytes', field: 'logfile_maxbytes', takesValue: true, handler: (v) => dt.byteSize(v) },
  { short: 'z', long: 'logfile_backups', field: 'logfile_backups', takesValue: true, handler: (v) => dt.integer(v) },
  { short: 'e', long: 'loglevel', field: 'loglevel', takesValue: true, handler: (v) => dt.loggingLevel(v).name },
  {
    short: 'j',
    long: 'pidfile',
    field: 'pidfile',
    takesValue: true,
    handler: (v, h) => dt.existingDirpath(v, expand(v, h), (d) => h.isDirectory(d)),
  },
  { short: 'i', long: 'identifier', field: 'identifier', takesValue: true },
  {
    short: 'q',
    long: 'childlogdir',
    field: 'childlogdir',
    takesValue: true,
    handler: (v, h) => dt.existingDirectory(v, expand(v, h), (d) => h.isDirectory(d)),
  },
  { short: 'a', long: 'minfds', field: 'minfds', takesValue: true, handler: (v) => dt.integer(v) },
  { long: 'minprocs', field: 'minprocs', takesValue: true, handler: (v) => dt.integer(v) },
  { short: 'k', long: 'nocleanup', field: 'nocleanup', takesValue: false },
  { short: 't', long: 'strip_ansi', field: 'strip_ansi', takesValue: false },
  { long: 'profile_options', field: 'profileOptions', takesValue: true },
  { short: 's', long: 'silent', field: 'silent', takesValue: false },
  { long: 'print-config', field: 'printConfig', takesValue: false },
  { long: 'check-config', field: 'checkConfig', takesValue: false },
];

class GetoptError extends Error {}

/** Python's getopt.getopt: returns [option, value] pairs and the remaining arguments. */
function getopt(args: string[]): { opts: [string, string, OptionSpec][]; rest: string[] } {
  const opts: [string, string, OptionSpec][] = [];
  let i = 0;
  while (i < args.length && args[i].startsWith('-') && args[i] !== '-') {
    const arg = args[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
      const longs = SPECS.filter((s) => s.long !== '');
      let spec = longs.find((s) => s.long === name);
      if (!spec) {
        const matches = longs.filter((s) => s.long.startsWith(name));
        if (matches.length === 0) throw new GetoptError(`option --${name} not recognized`);
        if (matches.length > 1) throw new GetoptError(`option --${name} not a unique prefix`);
        spec = matches[0];
      }
      if (spec.takesValue) {
        if (value === undefined) {
          if (i + 1 >= args.length) throw new GetoptError(`option --${spec.long} requires argument`);
          value = args[++i];
        }
      } else if (value !== undefined) {
        throw new GetoptError(`option --${spec.long} must not have an argument`);
      }
      opts.push([`--${spec.long}`, value ?? '', spec]);
      i++;
      continue;
    }
    let j = 1;
    while (j < arg.length) {
      const ch = arg[j];
      const spec = SPECS.find((s) => s.short === ch);
      if (!spec) throw new GetoptError(`option -${ch} not recognized`);
      if (spec.takesValue) {
        let value = arg.slice(j + 1);
        if (value === '') {
          if (i + 1 >= args.length) throw new GetoptError(`option -${ch} requires argument`);
          value = args[++i];
        }
        opts.push([`-${ch}`, value, spec]);
        break;
      }
      opts.push([`-${ch}`, '', spec]);
      j++;
    }
    i++;
  }
  return { opts, rest: args.slice(i) };
}

/** Parses supervisord's arguments (without the program name). */
export function parseCommandLine(args: string[], host: ConfigHost = defaultConfigHost()): ParsedCommandLine {
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(args);
  } catch (e) {
    if (e instanceof GetoptError) return { action: 'error', message: e.message };
    throw e;
  }
  if (parsed.rest.length > 0) {
    return {
      action: 'error',
      message: `positional arguments are not supported: [${parsed.rest.map(pythonRepr).join(', ')}]`,
    };
  }
  const options: SupervisordOptions = {
    configfile: null,
    overrides: {},
    profileOptions: null,
    printConfig: false,
    checkConfig: false,
  };
  const seen = new Set<string>();
  for (const [opt, raw, spec] of parsed.opts) {
    if (spec.field === 'help') return { action: 'help' };
    if (spec.field === 'version') return { action: 'version' };
    let value: unknown = spec.takesValue ? raw : true;
    if (spec.handler) {
      try {
        value = spec.handler(raw, host);
      } catch (e) {
        if (e instanceof ConversionError) {
          return { action: 'error', message: `invalid value for ${opt} ${pythonRepr(raw)}: ${e.message}` };
        }
        throw e;
      }
    }
    if (seen.has(spec.field)) return { action: 'error', message: `conflicting command line option ${pythonRepr(opt)}` };
    seen.add(spec.field);
    switch (spec.field) {
      case 'configfile':
        options.configfile = value as string;
        break;
      case 'profileOptions':
        options.profileOptions = value as string;
        break;
      case 'printConfig':
        options.printConfig = true;
        break;
      case 'checkConfig':
        options.checkConfig = true;
        break;
      default:
        (options.overrides as Record<string, unknown>)[spec.field] = value;
    }
  }
  return { action: 'run', options };
}

/** The `-h` text. */
export function usageText(progname: string): string {
  const rows: [string, string][] = [
    ['-c, --configuration FILE', 'read this config file (default: search the standard places)'],
    ['-n, --nodaemon', 'stay in the foreground (nodaemon=true)'],
    ['-s, --silent', 'with -n, do not copy the activity log to stdout (silent=true)'],
    ['-h, -?, --help', 'show this text and exit'],
    ['-v, --version', 'show the version and exit'],
    ['-u, --user USER', 'switch to this user name or uid after start (user=)'],
    ['-m, --umask OCTAL', 'umask of the daemon (umask=, default 022)'],
    ['-d, --directory DIR', 'change to DIR when going to the background (directory=)'],
    ['-l, --logfile FILE', 'activity log file (logfile=)'],
    ['-y, --logfile_maxbytes SIZE', 'rotate the activity log at SIZE, e.g. 50MB (logfile_maxbytes=)'],
    ['-z, --logfile_backups N', 'rotated activity logs to keep (logfile_backups=)'],
    ['-e, --loglevel LEVEL', 'critical, error, warn, info, debug, trace or blather (loglevel=)'],
    ['-j, --pidfile FILE', 'write the daemon pid to FILE (pidfile=)'],
    ['-i, --identifier TEXT', 'name of this supervisord instance (identifier=)'],
    ['-q, --childlogdir DIR', 'directory for AUTO child logs (childlogdir=)'],
    ['-k, --nocleanup', 'keep old AUTO child logs at start (nocleanup=true)'],
    ['-a, --minfds N', 'file descriptors required to start (minfds=)'],
    ['    --minprocs N', 'processes required to start (minprocs=)'],
    ['-t, --strip_ansi', 'remove ANSI escape sequences from child output (strip_ansi=true)'],
    ['    --profile_options LIST', 'accepted for compatibility, no effect'],
    ['    --print-config', 'print the resolved configuration as JSON and exit'],
    ['    --check-config', 'report every problem of the configuration (or OK) and exit'],
  ];
  const width = Math.max(...rows.map(([a]) => a.length)) + 2;
  return [
    `Usage: ${progname} [options]`,
    '',
    'Starts the process supervisor: runs and watches the programs of its config file.',
    'Command line options win over the same setting in the [supervisord] section.',
    '',
    ...rows.map(([a, b]) => `  ${a.padEnd(width)}${b}`),
    '',
  ].join('\n');
}

import { isUrl } from './server-url';

export const USAGE_TEXT = (argv0: string): string =>
  [
    'supervisorctl -- control applications run by supervisord from the cmd line.',
    '',
    `Usage: ${argv0} [options] [action [arguments]]`,
    '',
    'Options:',
    '-c/--configuration FILENAME -- configuration file path (searches if not given)',
    '-h/--help -- print usage message and exit',
    '-i/--interactive -- start an interactive shell after executing commands',
    '-s/--serverurl URL -- URL on which supervisord server is listening',
    '     (default "http://localhost:9001").',
    '-u/--username USERNAME -- username to use for authentication with server',
    '-p/--password PASSWORD -- password to use for authentication with server',
    '-r/--history-file -- keep a readline history (if readline is available)',
    '',
    'action [arguments] -- see below',
    '',
    'Actions are commands like "tail" or "stop".  If -i is specified or no action is',
    'specified on the command line, a "shell" interpreting actions typed',
    'interactively is started.  Use the action "help" to find out about available',
    'actions.',
    '',
    '',
  ].join('\n');

/** What the command line asked for. Unset options are undefined (the config file or defaults fill them). */
export interface CommandLine {
  help: boolean;
  configuration?: string;
  interactive: boolean;
  serverurl?: string;
  username?: string;
  password?: string;
  /** Accepted for compatibility; upstream ignores it too (only the config key enables history). */
  historyFile?: string;
  /** The action and its arguments. */
  args: string[];
}

/** A command-line mistake; printed as `Error: <message>` plus a hint, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface OptionSpec {
  short: string;
  long: string;
  takesValue: boolean;
  key: 'help' | 'configuration' | 'interactive' | 'serverurl' | 'username' | 'password' | 'historyFile';
}

const SPECS: readonly OptionSpec[] = [
  { short: 'c', long: 'configuration', takesValue: true, key: 'configuration' },
  { short: 'h', long: 'help', takesValue: false, key: 'help' },
  { short: '?', long: '', takesValue: false, key: 'help' },
  { short: 'i', long: 'interactive', takesValue: false, key: 'interactive' },
  { short: 's', long: 'serverurl', takesValue: true, key: 'serverurl' },
  { short: 'u', long: 'username', takesValue: true, key: 'username' },
  { short: 'p', long: 'password', takesValue: true, key: 'password' },
  { short: 'r', long: 'history_file', takesValue: true, key: 'historyFile' },
];

function findLong(name: string): OptionSpec {
  const exact = SPECS.find((spec) => spec.long !== '' && spec.long === name);
  if (exact !== undefined) return exact;
  const prefixed = SPECS.filter((spec) => spec.long !== '' && spec.long.startsWith(name));
  if (prefixed.length === 0) throw new UsageError(`option --${name} not recognized`);
  if (prefixed.length > 1) throw new UsageError(`option --${name} not a unique prefix`);
  return prefixed[0];
}

/**
 * Parses options getopt-style (options end at the first word that is not one; `--` ends them too;
 * long names may be abbreviated). `-h` wins as soon as it is seen.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const result: CommandLine = { help: false, interactive: false, args: [] };
  const seen = new Set<string>();
  const apply = (spec: OptionSpec, flag: string, value: string | undefined): boolean => {
    if (spec.key === 'help') {
      result.help = true;
      return true;
    }
    if (seen.has(spec.key)) throw new UsageError(`conflicting command line option ${pyRepr(flag)}`);
    if (spec.key === 'interactive') {
      seen.add(spec.key);
      result.interactive = true;
      return false;
    }
    const text = value ?? '';
    if (spec.key === 'serverurl' && !isUrl(text)) {
      throw new UsageError(`invalid value for ${flag} ${pyRepr(text)}: value ${pyRepr(text)} is not a URL`);
    }
    seen.add(spec.key);
    result[spec.key] = text;
    return false;
  };
  let index = 0;
  while (index < argv.length) {
    const word = argv[index];
    if (word === '--') {
      index += 1;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    index += 1;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const spec = findLong(name);
      let value: string | undefined;
      if (spec.takesValue) {
        if (eq >= 0) value = word.slice(eq + 1);
        else if (index < argv.length) value = argv[index++];
        else throw new UsageError(`option --${spec.long} requires argument`);
      } else if (eq >= 0) {
        throw new UsageError(`option --${spec.long} must not have an argument`);
      }
      if (apply(spec, `--${spec.long}`, value)) return result;
      continue;
    }
    let letters = word.slice(1);
    while (letters !== '') {
      const letter = letters[0];
      letters = letters.slice(1);
      const spec = SPECS.find((candidate) => candidate.short === letter);
      if (spec === undefined) throw new UsageError(`option -${letter} not recognized`);
      let value: string | undefined;
      if (spec.takesValue) {
        if (letters !== '') value = letters;
        else if (index < argv.length) value = argv[index++];
        else throw new UsageError(`option -${letter} requires argument`);
        letters = '';
      }
      if (apply(spec, `-${letter}`, value)) return result;
    }
  }
  result.args = argv.slice(index);
  return result;
}

function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  return `${quote}${text.replace(/\\/g, '\\\\')}${quote}`;
}

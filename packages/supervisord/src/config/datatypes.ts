/**
 * One converter per value type of supervisord.conf, with Supervisor 4.2.5's acceptance rules.
 * Each throws ConversionError with upstream's wording plus what would have been accepted.
 */
import { pythonRepr, shlexTokens, ShlexError, pyDirname } from '@supervisor-ts/protocol';
import type { AutoRestart, LogLevelName } from './types';
import { ConversionError } from './conversion-error';
import type { ConfigHost } from './config-host';

const INT_RE = /^\s*([+-]?)(\d(?:_?\d)*)\s*$/;

/** Python int(value) for base 10. */
export function integer(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = INT_RE.exec(value);
  if (!m) {
    throw new ConversionError(`invalid literal for int() with base 10: ${pythonRepr(value)}`, 'an integer');
  }
  const n = Number(m[2].replace(/_/g, ''));
  return m[1] === '-' ? -n : n;
}

const TRUTHY = ['yes', 'true', 'on', '1'];
const FALSY = ['no', 'false', 'off', '0'];

export function boolean(value: string | boolean): boolean {
  if (typeof value === 'boolean') return value;
  const s = value.toLowerCase();
  if (TRUTHY.includes(s)) return true;
  if (FALSY.includes(s)) return false;
  throw new ConversionError(
    `not a valid boolean value: ${pythonRepr(value)}`,
    'one of true/yes/on/1 or false/no/off/0',
  );
}

/** Python int(value, 8). */
export function octal(value: string): number {
  const m = /^\s*([+-]?)(?:0[oO]_?)?([0-7](?:_?[0-7])*)\s*$/.exec(value);
  if (!m) throw new ConversionError(`${value} can not be converted to an octal type`, 'an octal number such as 022');
  const n = parseInt(m[2].replace(/_/g, ''), 8);
  return m[1] === '-' ? -n : n;
}

const SIZE_SUFFIXES: [string, number][] = [
  ['kb', 1024],
  ['mb', 1024 * 1024],
  ['gb', 1024 * 1024 * 1024],
];

/** A byte count with an optional KB/MB/GB suffix (case-insensitive). */
export function byteSize(value: string): number {
  const v = value.toLowerCase();
  const expected = 'a byte count such as 1024, 10KB, 50MB or 1GB';
  for (const [suffix, mult] of SIZE_SUFFIXES) {
    if (v.slice(-2) === suffix) return withExpected(() => integer(v.slice(0, -2)), expected) * mult;
  }
  return withExpected(() => integer(v), expected);
}

function withExpected<T>(fn: () => T, expected: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ConversionError) throw new ConversionError(e.message, expected);
    throw e;
  }
}

export function listOfStrings(value: string | null | undefined): string[] {
  if (!value) return [];
  return value.split(',').map((x) => x.trim());
}

export function listOfExitcodes(value: string): number[] {
  const fail = (): never => {
    throw new ConversionError(
      `not a valid list of exit codes: ${pythonRepr(value)}`,
      'a comma-separated list of integers from 0 to 255',
    );
  };
  if (!value) return [];
  const out: number[] = [];
  for (const part of value.split(',')) {
    let n: number;
    try {
      n = integer(part);
    } catch {
      return fail();
    }
    if (n < 0 || n > 255) fail();
    out.push(n);
  }
  return out;
}

/** `environment=`: KEY=VALUE pairs, tokenized as Python's non-POSIX shlex does. */
export function dictOfKeyValuePairs(value: string): Record<string, string> {
  let tokens: string[];
  try {
    tokens = shlexTokens(value, { posix: false, extraWordchars: '/.+-():' });
  } catch (e) {
    if (e instanceof ShlexError) throw new ConversionError(e.message, 'KEY=value pairs separated by commas, quotes closed');
    throw e;
  }
  const out: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i += 4) {
    const group = tokens.slice(i, i + 3);
    if (group.length !== 3 || group[1] !== '=') {
      throw new ConversionError(
        `Unexpected end of key/value pairs in value '${value}'`,
        'KEY=value pairs separated by commas (quote values holding spaces or punctuation)',
      );
    }
    out[group[0]] = group[2].replace(/^['"]+|['"]+$/g, '');
  }
  return out;
}

/** Linux signal names as Python's signal module has them (aliases included). */
const SIGNALS: Record<string, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7,
  SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14,
  SIGTERM: 15, SIGSTKFLT: 16, SIGCHLD: 17, SIGCLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20,
  SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27,
  SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31, SIGRTMIN: 34, SIGRTMAX: 64,
  SIG_DFL: 0, SIG_IGN: 1, SIG_BLOCK: 0, SIG_UNBLOCK: 1, SIG_SETMASK: 2,
};
const VALID_SIGNUMS = new Set(Object.values(SIGNALS));
const SIGNAMES: Record<number, string> = {};
for (const [name, num] of Object.entries(SIGNALS)) {
  if (!name.startsWith('SIG_') && !['SIGIOT', 'SIGCLD', 'SIGIO'].includes(name)) SIGNAMES[num] = name;
}

/** The name Supervisor prints for a signal number (`SIGTERM`, or `signal 0`). */
export function signame(num: number): string {
  return SIGNAMES[num] ?? `signal ${num}`;
}

export function signalNumber(value: string): number {
  let num: number;
  const expected = 'a signal name such as TERM, HUP, INT, QUIT, KILL, USR1, USR2, or its number';
  if (INT_RE.test(value)) {
    num = integer(value);
  } else {
    let name = value.trim().toUpperCase();
    if (!name.startsWith('SIG')) name = 'SIG' + name;
    const found = Object.prototype.hasOwnProperty.call(SIGNALS, name) ? SIGNALS[name] : undefined;
    if (found === undefined) throw new ConversionError(`value ${pythonRepr(value)} is not a valid signal name`, expected);
    num = found;
  }
  if (!VALID_SIGNUMS.has(num)) throw new ConversionError(`value ${pythonRepr(value)} is not a valid signal number`, expected);
  return num;
}

export function autoRestart(value: string): AutoRestart {
  const v = value.toLowerCase();
  if (TRUTHY.includes(v)) return 'true';
  if (FALSY.includes(v)) return 'false';
  if (v === 'unexpected') return 'unexpected';
  throw new ConversionError(`invalid 'autorestart' value ${pythonRepr(v)}`, 'unexpected, true or false');
}

const LEVELS: Record<string, [LogLevelName, number]> = {
  critical: ['CRIT', 50],
  error: ['ERRO', 40],
  warn: ['WARN', 30],
  info: ['INFO', 20],
  debug: ['DEBG', 10],
  trace: ['TRAC', 5],
  blather: ['BLAT', 3],
};

export function loggingLevel(value: string): { name: LogLevelName; number: number } {
  const level = LEVELS[value.toLowerCase()];
  if (!Object.prototype.hasOwnProperty.call(LEVELS, value.toLowerCase()) || !level) {
    throw new ConversionError(
      `bad logging level name ${pythonRepr(value)}`,
      'one of critical, error, warn, info, debug, trace, blather',
    );
  }
  return { name: level[0], number: level[1] };
}

/** Program, group and process names: no space, `:` or `/` after trimming. */
export function processOrGroupName(value: string): string {
  const s = value.trim();
  for (const ch of [' ', ':', '/']) {
    if (s.includes(ch)) {
      throw new ConversionError(
        `Invalid name: ${pythonRepr(value)} because of character: ${pythonRepr(ch)}`,
        'a name without spaces, colons or slashes',
      );
    }
  }
  return s;
}

export function portNumber(value: string): number {
  const n = integer(value);
  if (n < 1) throw new ConversionError(`${n} is below lower bound (1)`, 'a port number from 1 to 65535');
  if (n > 65535) throw new ConversionError(`${n} is above upper bound (65535)`, 'a port number from 1 to 65535');
  return n;
}

/** `port`, `:port`, `*:port` or `host:port`; an empty host means every interface. */
export function inetAddress(value: string): { host: string; port: number } {
  let host = '';
  let port: number;
  const expected = 'host:port, *:port, :port or port';
  const i = value.lastIndexOf(':');
  if (i >= 0) {
    host = value.slice(0, i);
    const p = value.slice(i + 1);
    if (!p) throw new ConversionError(`no port number specified in ${pythonRepr(p)}`, expected);
    port = withExpected(() => portNumber(p), expected);
    host = host.toLowerCase();
  } else {
    try {
      port = portNumber(value);
    } catch {
      throw new ConversionError(`not a valid port number: ${pythonRepr(value)} `, expected);
    }
  }
  if (!host || host === '*') host = '';
  return { host, port };
}

export type UserLookup = Pick<ConfigHost, 'getpwnam' | 'getpwuid' | 'getgrnam' | 'getgrgid'>;

/** A user name or numeric uid that exists; returns the uid. */
export function nameToUid(value: string, db: UserLookup): number {
  let uid: number | undefined;
  try {
    uid = integer(value);
  } catch {
    const rec = db.getpwnam(value);
    if (!rec) throw new ConversionError(`Invalid user name ${value}`, 'a user name or uid that exists on this machine');
    return rec.uid;
  }
  if (!db.getpwuid(uid)) throw new ConversionError(`Invalid user id ${value}`, 'a user name or uid that exists on this machine');
  return uid;
}

export function nameToGid(value: string, db: UserLookup): number {
  let gid: number | undefined;
  try {
    gid = integer(value);
  } catch {
    const rec = db.getgrnam(value);
    if (!rec) throw new ConversionError(`Invalid group name ${value}`, 'a group name or gid that exists on this machine');
    return rec.gid;
  }
  if (!db.getgrgid(gid)) throw new ConversionError(`Invalid group id ${value}`, 'a group name or gid that exists on this machine');
  return gid;
}

export function gidForUid(uid: number, db: UserLookup): number {
  const rec = db.getpwuid(uid);
  if (!rec) throw new ConversionError(`uid ${uid} has no entry in the user database`, 'a uid that exists');
  return rec.gid;
}

/** `user` or `user:group` → [uid, gid] (gid -1 when absent). */
export function colonSeparatedUserGroup(value: string, db: UserLookup): [number, number] {
  try {
    const i = value.indexOf(':');
    if (i < 0) return [nameToUid(value, db), -1];
    return [nameToUid(value.slice(0, i), db), nameToGid(value.slice(i + 1), db)];
  } catch {
    throw new ConversionError(`Invalid user:group definition ${value}`, 'user or user:group naming an existing user and group');
  }
}

export type DirCheck = (dir: string) => boolean;

/** A directory that exists (after `~` expansion, done by the caller). */
export function existingDirectory(value: string, expanded: string, isDir: DirCheck): string {
  if (isDir(expanded)) return expanded;
  throw new ConversionError(`${value} is not an existing directory`, 'an existing directory');
}

/** A file path whose directory exists (after `~` expansion, done by the caller). */
export function existingDirpath(value: string, expanded: string, isDir: DirCheck): string {
  const dir = pyDirname(expanded);
  if (!dir || isDir(dir)) return expanded;
  throw new ConversionError(
    `The directory named as part of the path ${value} does not exist`,
    'a file in an existing directory',
  );
}

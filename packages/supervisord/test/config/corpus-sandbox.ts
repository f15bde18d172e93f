/**
 * The sandbox of the configuration conformance corpus (see its README): a ConfigHost whose
 * environment, users, host name, directories and include files are the ones the reference
 * results were produced with, and the path normalisation applied to those results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HomeLookup } from '@supervisor-ts/protocol';
import { BUILTIN_RESOLVABLE_SPECS, type ConfigHost, type PasswdEntry, type GroupEntry } from '../../src/config/config-host';
import { globPaths } from '../../src/config/glob';

/** The corpus lives next to the repository: <repo>/../shared/corpus. */
export const CORPUS_DIR = path.resolve(__dirname, '../../../../../shared/corpus');

const SANDBOX = '/sandbox';
export const CONF_DIR = `${SANDBOX}/h1/h2/h3/h4/here`;
export const CWD = `${SANDBOX}/c1/c2/c3/c4/cwd`;

const PASSWD: [string, number, number, string][] = [
  ['root', 0, 0, '/root'],
  ['daemon', 1, 1, '/usr/sbin'],
  ['bin', 2, 2, '/bin'],
  ['sys', 3, 3, '/dev'],
  ['sync', 4, 65534, '/bin'],
  ['games', 5, 60, '/usr/games'],
  ['man', 6, 12, '/var/cache/man'],
  ['lp', 7, 7, '/var/spool/lpd'],
  ['mail', 8, 8, '/var/mail'],
  ['news', 9, 9, '/var/spool/news'],
  ['uucp', 10, 10, '/var/spool/uucp'],
  ['proxy', 13, 13, '/bin'],
  ['www-data', 33, 33, '/var/www'],
  ['backup', 34, 34, '/var/backups'],
  ['list', 38, 38, '/var/list'],
  ['irc', 39, 39, '/run/ircd'],
  ['nobody', 65534, 65534, '/nonexistent'],
];
const GROUPS: [string, number][] = [
  ['root', 0], ['daemon', 1], ['bin', 2], ['sys', 3], ['adm', 4], ['tty', 5], ['disk', 6], ['lp', 7],
  ['mail', 8], ['news', 9], ['uucp', 10], ['man', 12], ['proxy', 13], ['kmem', 15], ['dialout', 20],
  ['fax', 21], ['voice', 22], ['cdrom', 24], ['floppy', 25], ['tape', 26], ['sudo', 27], ['audio', 29],
  ['dip', 30], ['www-data', 33], ['backup', 34], ['operator', 37], ['list', 38], ['irc', 39], ['src', 40],
  ['shadow', 42], ['utmp', 43], ['video', 44], ['sasl', 45], ['plugdev', 46], ['staff', 50], ['games', 60],
  ['users', 100], ['nogroup', 65534],
];
const users: PasswdEntry[] = PASSWD.map(([name, uid, gid, home]) => ({ name, uid, gid, home }));
const groups: GroupEntry[] = GROUPS.map(([name, gid]) => ({ name, gid }));

export interface CorpusCase {
  /** e.g. `conf/017.conf` */
  rel: string;
  /** e.g. `017.json` or `bad-003.json` */
  expectedName: string;
  /** Where the config is placed inside the sandbox. */
  configPath: string;
  host: ConfigHost;
  home: HomeLookup;
}

export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const sub of ['conf', 'bad']) {
    for (const name of fs.readdirSync(path.join(CORPUS_DIR, sub)).sort()) {
      if (name.endsWith('.conf')) out.push(`${sub}/${name}`);
    }
  }
  return out;
}

function isNonexistent(p: string): boolean {
  const n = path.posix.normalize(p);
  return n === '/nonexistent' || n.startsWith('/nonexistent/');
}

export function corpusCase(rel: string, env: Record<string, string>): CorpusCase {
  const [sub, name] = rel.split('/');
  const base = name.slice(0, -'.conf'.length);
  const expectedName = sub === 'bad' ? `bad-${base}.json` : `${base}.json`;
  const incroot = path.join(CORPUS_DIR, sub, `${base}.d`);
  const hereRoot = path.join(incroot, '_here_');
  const configPath = `${CONF_DIR}/${name}`;
  const real = (p: string): string => {
    if (p === configPath) return path.join(CORPUS_DIR, rel);
    if (p.startsWith(CONF_DIR + '/')) return `${hereRoot}/${p.slice(CONF_DIR.length + 1)}`;
    return `${incroot}/${p.replace(/^\/+/, '')}`;
  };
  const virtual = (p: string): string => {
    if (p === hereRoot || p.startsWith(hereRoot + '/')) return CONF_DIR + p.slice(hereRoot.length);
    return p.slice(incroot.length) || '/';
  };
  const host: ConfigHost = {
    env,
    cwd: () => CWD,
    hostname: () => 'corpus-host',
    tempdir: () => '/tmp',
    getuid: () => 0,
    getpwnam: (n) => users.find((u) => u.name === n),
    getpwuid: (uid) => users.find((u) => u.uid === uid),
    getgrnam: (n) => groups.find((g) => g.name === n),
    getgrgid: (gid) => groups.find((g) => g.gid === gid),
    exists: (p) => fs.existsSync(real(p)),
    isDirectory: (p) => !isNonexistent(p),
    readFile: (p) => fs.readFileSync(real(p), 'utf8'),
    glob: (pattern) =>
      globPaths(real(pattern), {
        listDir: (d) => {
          try {
            return fs.readdirSync(d);
          } catch {
            return undefined;
          }
        },
        exists: (p) => fs.existsSync(p),
      }).map(virtual),
    resolvableSpecs: BUILTIN_RESOLVABLE_SPECS,
  };
  const home: HomeLookup = {
    home: env.HOME,
    currentUserHome: () => '/root',
    userHome: (n) => users.find((u) => u.name === n)?.home,
  };
  return { rel, expectedName, configPath, host, home };
}

const REPLACEMENTS: [string, string][] = (() => {
  const repl: [string, string][] = [
    [CONF_DIR, '<here>'],
    [CWD, '<cwd>'],
  ];
  for (const [baseDir, tag] of [
    [CONF_DIR, '<here>'],
    [CWD, '<cwd>'],
  ]) {
    let d = path.posix.dirname(baseDir);
    let up = tag;
    while (d !== SANDBOX) {
      up += '/..';
      repl.push([d, up]);
      d = path.posix.dirname(d);
    }
  }
  repl.push([SANDBOX, '<sandbox>']);
  return repl;
})();

/** Replaces sandbox paths by `<here>`, `<cwd>`, ... as the reference results do. */
export function normaliseSandboxPaths(value: unknown): unknown {
  if (typeof value === 'string') {
    let v = value;
    for (const [a, b] of REPLACEMENTS) v = v.split(a).join(b);
    return v;
  }
  if (Array.isArray(value)) return value.map(normaliseSandboxPaths);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[normaliseSandboxPaths(k) as string] = normaliseSandboxPaths(v);
    return out;
  }
  return value;
}

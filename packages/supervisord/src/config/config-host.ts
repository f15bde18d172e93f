import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { globPaths } from './glob';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
}

/**
 * Everything the loader needs from the machine. The default host reads the real one;
 * tests and tools inject their own (see the corpus test).
 */
export interface ConfigHost {
  /** The environment supervisord starts with (source of `%(ENV_X)s`). */
  env: Readonly<Record<string, string>>;
  cwd(): string;
  hostname(): string;
  /** Python's tempfile.gettempdir(): the default childlogdir. */
  tempdir(): string;
  /** The uid supervisord runs as. */
  getuid(): number;
  getpwnam(name: string): PasswdEntry | undefined;
  getpwuid(uid: number): PasswdEntry | undefined;
  getgrnam(name: string): GroupEntry | undefined;
  getgrgid(gid: number): GroupEntry | undefined;
  exists(file: string): boolean;
  isDirectory(dir: string): boolean;
  /** The text of a file; throws if it cannot be read. */
  readFile(file: string): string;
  /** Paths matching an absolute glob pattern (`*`, `?`, `[...]`), in any order. */
  glob(pattern: string): string[];
  /**
   * `module:attribute` specs that count as importable: rpcinterface factories, ctlplugin
   * factories and result handlers. Anything else is refused as upstream refuses an
   * unimportable spec.
   */
  resolvableSpecs: ReadonlySet<string>;
}

export const MAIN_RPCINTERFACE_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';
export const TWIDDLER_RPCINTERFACE_FACTORY = 'supervisor_twiddler.rpcinterface:make_twiddler_rpcinterface';
/** The same factory named by our package (with the export, or bare for its default export). */
export const TWIDDLER_PACKAGE_FACTORY = '@supervisor-ts/rpc-twiddler:make_twiddler_rpcinterface';
export const TWIDDLER_PACKAGE = '@supervisor-ts/rpc-twiddler';
export const DEFAULT_RESULT_HANDLER = 'supervisor.dispatchers:default_handler';

/** The specs we implement ourselves. A daemon with more plugins passes a larger set. */
export const BUILTIN_RESOLVABLE_SPECS: ReadonlySet<string> = new Set([
  MAIN_RPCINTERFACE_FACTORY,
  TWIDDLER_RPCINTERFACE_FACTORY,
  TWIDDLER_PACKAGE_FACTORY,
  TWIDDLER_PACKAGE,
  DEFAULT_RESULT_HANDLER,
  'supervisor.supervisorctl:DefaultControllerPlugin',
]);

function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7 || line.startsWith('#')) continue;
    out.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] });
  }
  return out;
}

function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || line.startsWith('#')) continue;
    out.push({ name: f[0], gid: Number(f[2]) });
  }
  return out;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The real machine: process.env, /etc/passwd, /etc/group, the file system. */
export function defaultConfigHost(overrides: Partial<ConfigHost> = {}): ConfigHost {
  let passwd: PasswdEntry[] | null = null;
  let groups: GroupEntry[] | null = null;
  const users = (): PasswdEntry[] => (passwd ??= parsePasswd(readOrEmpty('/etc/passwd')));
  const grps = (): GroupEntry[] => (groups ??= parseGroup(readOrEmpty('/etc/group')));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const host: ConfigHost = {
    env,
    cwd: () => process.cwd(),
    hostname: () => os.hostname(),
    tempdir: () => {
      for (const name of ['TMPDIR', 'TEMP', 'TMP']) {
        const dir = env[name];
        if (dir && isDir(dir)) return path.resolve(dir);
      }
      return '/tmp';
    },
    getuid: () => (typeof process.getuid === 'function' ? process.getuid() : 0),
    getpwnam: (name) => users().find((u) => u.name === name),
    getpwuid: (uid) => users().find((u) => u.uid === uid),
    getgrnam: (name) => grps().find((g) => g.name === name),
    getgrgid: (gid) => grps().find((g) => g.gid === gid),
    exists: (file) => fs.existsSync(file),
    isDirectory: isDir,
    readFile: (file) => fs.readFileSync(file, 'utf8'),
    glob: (pattern) => globPaths(pattern, { listDir, exists: (p) => fs.existsSync(p) }),
    resolvableSpecs: BUILTIN_RESOLVABLE_SPECS,
  };
  return { ...host, ...overrides };
}

function isDir(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] | undefined {
  try {
    return fs.readdirSync(dir);
  } catch {
    return undefined;
  }
}

/**
 * Reads a supervisord.conf (and its [include] files) the way Supervisor 4.2.5 does and returns
 * the resolved configuration, or throws ConfigError naming the file, line, section and key.
 */
import {
  IniParseError,
  IniStore,
  PythonFormatError,
  pyAbspath,
  pyDirname,
  pyExpanduser,
  pyIsAbs,
  pyJoin,
  pythonFormat,
  pythonRepr,
  pythonShlexSplit,
  ShlexError,
  type FormatValue,
  type HomeLookup,
} from '@supervisor-ts/protocol';
import { ConfigError, type ConfigErrorLocation } from './config-error';
import { defaultConfigHost, DEFAULT_RESULT_HANDLER, type ConfigHost } from './config-host';
import { ConversionError } from './conversion-error';
import * as dt from './datatypes';
import { EVENT_TYPE_NAMES } from './event-types';
import type {
  ConfigClass,
  EventListenerGroupConfig,
  FcgiGroupConfig,
  FcgiSocketConfig,
  GroupConfig,
  HttpServerConfig,
  LogLevelName,
  PluginConfig,
  ProcessConfig,
  ProgramGroupConfig,
  ResolvedConfig,
  SupervisordConfig,
} from './types';

/** Values given on the command line; they win over the file. */
export interface ConfigOverrides {
  nodaemon?: boolean;
  silent?: boolean;
  user?: string;
  umask?: number;
  directory?: string;
  logfile?: string;
  logfile_maxbytes?: number;
  logfile_backups?: number;
  loglevel?: LogLevelName;
  pidfile?: string;
  identifier?: string;
  childlogdir?: string;
  nocleanup?: boolean;
  minfds?: number;
  minprocs?: number;
  strip_ansi?: boolean;
}

export interface LoadOptions {
  host?: ConfigHost;
  overrides?: ConfigOverrides;
}

const LEVEL_NUMBERS: Record<LogLevelName, number> = { CRIT: 50, ERRO: 40, WARN: 30, INFO: 20, DEBG: 10, TRAC: 5, BLAT: 3 };

type Names = Map<string, FormatValue>;

interface GetOptions {
  expand?: boolean;
  names?: Names;
}

class Loader {
  readonly store = new IniStore();
  readonly warnings: string[] = [];
  readonly infos: string[] = [];
  readonly errors: ConfigError[] = [];
  /** `ENV_*` names: the environment, later extended by `[supervisord] environment=`. */
  readonly envNames: Names = new Map();
  here = '';
  readonly home: HomeLookup;

  constructor(
    readonly configfile: string,
    readonly host: ConfigHost,
    readonly collect: boolean,
  ) {
    for (const [k, v] of Object.entries(host.env)) this.envNames.set(`ENV_${k}`, v);
    this.home = {
      home: host.env.HOME,
      currentUserHome: () => host.getpwuid(host.getuid())?.home,
      userHome: (name) => host.getpwnam(name)?.home,
    };
  }

  // ---- errors ---------------------------------------------------------------------------

  locate(section: string | null, key: string | null): ConfigErrorLocation {
    if (section === null) return { file: this.configfile };
    const entry = key !== null ? this.store.getEntry(section, key) : undefined;
    if (entry) return { file: entry.file, line: entry.line, section, key };
    return {
      file: this.store.sectionSource(section) ?? this.configfile,
      line: this.store.sectionLine(section) ?? null,
      section,
      key,
    };
  }

  fail(detail: string, section: string | null, key: string | null): never {
    throw new ConfigError(detail, this.locate(section, key));
  }

  /** Runs a conversion; a ConversionError becomes a ConfigError located at section/key. */
  conv<T>(section: string | null, key: string | null, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ConversionError) this.fail(`${e.message} (expected ${e.expected})`, section, key);
      throw e;
    }
  }

  /** In collecting mode, records the error and returns the fallback; otherwise rethrows. */
  guard<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      if (this.collect && e instanceof ConfigError) {
        this.errors.push(e);
        return fallback;
      }
      throw e;
    }
  }

  // ---- values ---------------------------------------------------------------------------

  expand(raw: string, names: Names, where: string, section: string | null, key: string | null): string {
    try {
      return pythonFormat(raw, names);
    } catch (e) {
      if (!(e instanceof PythonFormatError)) throw e;
      if (e.kind === 'missing-name') {
        const available = [...names.keys()].sort().join(', ');
        this.fail(
          `Format string ${pythonRepr(raw)} for ${pythonRepr(where)} contains names (${pythonRepr(e.detail)}) which cannot be expanded. Available names: ${available}`,
          section,
          key,
        );
      }
      this.fail(`Format string ${pythonRepr(raw)} for ${pythonRepr(where)} is badly formatted: ${e.detail}`, section, key);
    }
  }

  /** Upstream's saneget: the value (or default), expanded with ENV_* plus `names`. */
  get(section: string, key: string, dflt: string, opts?: GetOptions): string;
  get(section: string, key: string, dflt: string | null, opts?: GetOptions): string | null;
  get(section: string, key: string, dflt: string | null, opts: GetOptions = {}): string | null {
    const raw = this.store.get(section, key);
    const value = raw !== undefined ? raw : dflt;
    // Without a '%' there is nothing to expand (and no names map to build).
    if (value === null || opts.expand === false || !value.includes('%')) return value;
    const names: Names = new Map(this.envNames);
    for (const [k, v] of opts.names ?? []) names.set(k, v);
    return this.expand(value, names, `${section}.${key}`, section, key);
  }

  expanduser(p: string): string {
    return pyExpanduser(p, this.home);
  }

  normalizePath(p: string): string {
    return pyAbspath(this.expanduser(p), this.host.cwd());
  }

  existingDirectory(v: string): string {
    return dt.existingDirectory(v, this.expanduser(v), (d) => this.host.isDirectory(d));
  }

  existingDirpath(v: string): string {
    return dt.existingDirpath(v, this.expanduser(v), (d) => this.host.isDirectory(d));
  }

  logfileName(v: string | null | 'AUTO'): string | null | 'AUTO' | 'SYSLOG' {
    if (v === null) return null;
    const low = v.toLowerCase();
    if (low === 'none' || low === 'off') return null;
    if (low === 'auto') return 'AUTO';
    if (low === 'syslog') return 'SYSLOG';
    return this.existingDirpath(v);
  }

  isResolvable(spec: string): boolean {
    return this.host.resolvableSpecs.has(spec.trim().replace(/\s*:\s*/, ':'));
  }

  // ---- reading ---------------------------------------------------------------------------

  readMain(): void {
    const file = this.configfile;
    if (!this.host.exists(file)) this.fail(`could not find config file ${file}`, null, null);
    let text: string;
    try {
      text = this.host.readFile(file);
    } catch {
      this.fail(`could not read config file ${file}`, null, null);
    }
    this.here = pyAbspath(pyDirname(file), this.host.cwd());
    this.parse(text, file);
    if (this.store.hasSection('include')) this.readIncludes();
    if (!this.store.hasSection('supervisord')) {
      throw new ConfigError('.ini file does not include supervisord section', { file });
    }
  }

  parse(text: string, file: string): void {
    try {
      this.store.read(text, file);
    } catch (e) {
      if (e instanceof IniParseError) {
        const first = e.badLines[0];
        throw new ConfigError(e.message, { file, line: first?.line ?? null });
      }
      throw e;
    }
  }

  readIncludes(): void {
    this.store.expandHere(this.here);
    if (!this.store.has('include', 'files')) {
      this.fail('.ini file has [include] section, but no files setting', 'include', null);
    }
    const names: Names = new Map<string, FormatValue>([
      ['here', this.here],
      ['host_node_name', this.host.hostname()],
    ]);
    for (const [k, v] of this.envNames) names.set(k, v);
    const files = this.expand(this.store.get('include', 'files') as string, names, 'include.files', 'include', 'files');
    const base = pyAbspath(pyDirname(this.configfile), this.host.cwd());
    for (const p of files.split(/\s+/).filter((x) => x !== '')) {
      const pattern = pyJoin(base, p);
      const matches = this.host.glob(pattern).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (matches.length === 0) {
        this.warnings.push(`No file matches via include "${pattern}"`);
        continue;
      }
      for (const filename of matches) {
        this.infos.push(`Included extra file "${filename}" during parsing`);
        let text: string;
        try {
          text = this.host.readFile(filename);
        } catch {
          continue;
        }
        this.parse(text, filename);
        this.store.expandHere(pyAbspath(pyDirname(filename), this.host.cwd()));
      }
    }
  }

  // ---- [supervisord] ---------------------------------------------------------------------

  supervisordSection(overrides: ConfigOverrides): SupervisordConfig {
    const S = 'supervisord';
    const names: Names = new Map([['here', this.here]]);
    const get = (key: string, dflt: string | null): string | null => this.guard(() => this.get(S, key, dflt, { names }), dflt);
    const val = <T>(key: string, dflt: string | null, fn: (v: string) => T, fallback: T): T =>
      this.guard(() => {
        const v = this.get(S, key, dflt, { names });
        return v === null ? fallback : this.conv(S, key, () => fn(v));
      }, fallback);

    const minfds = val('minfds', '1024', dt.integer, 1024);
    const minprocs = val('minprocs', '200', dt.integer, 200);
    const directory = val('directory', null, (v) => this.existingDirectory(v), null as string | null);
    const user = get('user', null);
    const umask = val('umask', '022', dt.octal, 0o22);
    const logfile = val('logfile', 'supervisord.log', (v) => this.existingDirpath(v), 'supervisord.log');
    const logfileMaxbytes = val('logfile_maxbytes', '50MB', dt.byteSize, 50 * 1024 * 1024);
    const logfileBackups = val('logfile_backups', '10', dt.integer, 10);
    const loglevel = val('loglevel', 'info', dt.loggingLevel, { name: 'INFO' as LogLevelName, number: 20 });
    const pidfile = val('pidfile', 'supervisord.pid', (v) => this.existingDirpath(v), 'supervisord.pid');
    const identifier = get('identifier', 'supervisor') as string;
    const nodaemon = val('nodaemon', 'false', dt.boolean, false);
    const silent = val('silent', 'false', dt.boolean, false);
    const childlogdir = val('childlogdir', this.host.tempdir(), (v) => this.existingDirectory(v), this.host.tempdir());
    const nocleanup = val('nocleanup', 'false', dt.boolean, false);
    const stripAnsi = val('strip_ansi', 'false', dt.boolean, false);
    const environment = this.guard(() => {
      const once = this.get(S, 'environment', '', { names });
      const second: Names = new Map<string, FormatValue>([
        ['here', this.here],
        ['host_node_name', this.host.hostname()],
      ]);
      for (const [k, v] of this.envNames) second.set(k, v);
      const twice = this.expand(once, second, 'environment', S, 'environment');
      return this.conv(S, 'environment', () => dt.dictOfKeyValuePairs(twice));
    }, {} as Record<string, string>);
    for (const [k, v] of Object.entries(environment)) this.envNames.set(`ENV_${k}`, v);

    const pick = <K extends keyof ConfigOverrides>(k: K, fileValue: NonNullable<ConfigOverrides[K]> | null) =>
      overrides[k] !== undefined ? overrides[k] : fileValue;
    const level = (pick('loglevel', loglevel.name) as LogLevelName) ?? 'INFO';
    return {
      nodaemon: Boolean(pick('nodaemon', nodaemon)),
      silent: Boolean(pick('silent', silent)),
      user: (pick('user', user) as string | null) ?? null,
      uid: null,
      gid: null,
      umask: pick('umask', umask) as number,
      directory: (pick('directory', directory) as string | null) ?? null,
      logfile: pick('logfile', logfile) as string,
      logfile_maxbytes: pick('logfile_maxbytes', logfileMaxbytes) as number,
      logfile_backups: pick('logfile_backups', logfileBackups) as number,
      loglevel: level,
      loglevel_number: LEVEL_NUMBERS[level],
      pidfile: pick('pidfile', pidfile) as string,
      identifier: pick('identifier', identifier) as string,
      childlogdir: pick('childlogdir', childlogdir) as string,
      minfds: pick('minfds', minfds) as number,
      minprocs: pick('minprocs', minprocs) as number,
      nocleanup: Boolean(pick('nocleanup', nocleanup)),
      strip_ansi: Boolean(pick('strip_ansi', stripAnsi)),
      environment,
      serverurl: null,
    };
  }

  // ---- plugins ---------------------------------------------------------------------------

  plugins(factoryKey: string, prefix: string): PluginConfig[] {
    const out: PluginConfig[] = [];
    for (const section of this.store.sections()) {
      if (!section.startsWith(prefix)) continue;
      this.guard(() => {
        const name = section.slice(section.indexOf(':') + 1);
        const spec = this.get(section, factoryKey, null);
        if (spec === null) this.fail(`section [${section}] does not specify a ${factoryKey}`, section, null);
        if (!this.isResolvable(spec)) {
          this.fail(
            `${spec} cannot be resolved within [${section}] (known factories: ${[...this.host.resolvableSpecs].sort().join(', ')})`,
            section,
            factoryKey,
          );
        }
        const extras: Record<string, string> = {};
        for (const k of this.store.options(section)) {
          if (k !== factoryKey) extras[k] = this.get(section, k, '');
        }
        out.push({ name, factory: spec.trim().replace(/\s*:\s*/, ':'), extras });
      }, undefined);
    }
    return out;
  }

  // ---- groups ----------------------------------------------------------------------------

  groups(): GroupConfig[] {
    const groups: GroupConfig[] = [];
    const all = this.store.sections();
    const has = new Set(all);
    const grouped = new Set<string>();
    const here: Names = new Map([['here', this.here]]);

    for (const section of all) {
      if (!section.startsWith('group:')) continue;
      this.guard(() => {
        const groupName = this.conv(section, null, () => dt.processOrGroupName(section.slice(section.indexOf(':') + 1)));
        const programs = dt.listOfStrings(this.get(section, 'programs', null, { names: here }));
        const priority = this.conv(section, 'priority', () => dt.integer(this.get(section, 'priority', '999', { names: here })));
        const processes: ProcessConfig[] = [];
        let named = section;
        for (const program of programs) {
          const programSection = `program:${program}`;
          const fcgiSection = `fcgi-program:${program}`;
          if (!has.has(programSection) && !has.has(fcgiSection)) {
            this.fail(`[${named}] names unknown program or fcgi-program ${program}`, section, 'programs');
          }
          if (has.has(programSection) && has.has(fcgiSection)) {
            this.fail(`[${named}] name ${program} is ambiguous (exists as program and fcgi-program)`, section, 'programs');
          }
          named = has.has(programSection) ? programSection : fcgiSection;
          grouped.add(named);
          processes.push(...this.processesFromSection(named, groupName, 'ProcessConfig'));
        }
        groups.push({ type: 'program', name: groupName, priority, process_names: processes.map((p) => p.name), processes });
      }, undefined);
    }

    for (const section of all) {
      if (!section.startsWith('program:') || grouped.has(section)) continue;
      this.guard(() => {
        const name = this.conv(section, null, () => dt.processOrGroupName(section.slice(section.indexOf(':') + 1)));
        const priority = this.conv(section, 'priority', () => dt.integer(this.get(section, 'priority', '999', { names: here })));
        const processes = this.processesFromSection(section, name, 'ProcessConfig');
        const g: ProgramGroupConfig = { type: 'program', name, priority, process_names: processes.map((p) => p.name), processes };
        groups.push(g);
      }, undefined);
    }

    for (const section of all) {
      if (!section.startsWith('eventlistener:')) continue;
      this.guard(() => groups.push(this.eventListenerPool(section, here)), undefined);
    }

    for (const section of all) {
      if (!section.startsWith('fcgi-program:') || grouped.has(section)) continue;
      this.guard(() => groups.push(this.fcgiGroup(section, here)), undefined);
    }

    return groups.sort(byPriorityThenName);
  }

  eventListenerPool(section: string, here: Names): EventListenerGroupConfig {
    const poolName = section.slice(section.indexOf(':') + 1);
    const priority = this.conv(section, 'priority', () => dt.integer(this.get(section, 'priority', '-1', { names: here })));
    const bufferSize = this.conv(section, 'buffer_size', () => dt.integer(this.get(section, 'buffer_size', '10', { names: here })));
    if (bufferSize < 1) this.fail(`[${section}] section sets invalid buffer_size (${bufferSize}); expected 1 or more`, section, 'buffer_size');
    const handler = this.get(section, 'result_handler', DEFAULT_RESULT_HANDLER, { names: here });
    if (!this.isResolvable(handler)) {
      this.fail(`${handler} cannot be resolved within [${section}]`, section, 'result_handler');
    }
    const eventNames = [...new Set(dt.listOfStrings(this.get(section, 'events', '', { names: here })).map((x) => x.toUpperCase()))];
    if (eventNames.length === 0) this.fail(`[${section}] section requires an "events" line`, section, 'events');
    for (const ev of eventNames) {
      if (!EVENT_TYPE_NAMES.has(ev)) {
        this.fail(`Unknown event type ${ev} in [${section}] events (known: ${[...EVENT_TYPE_NAMES].join(', ')})`, section, 'events');
      }
    }
    const redirect = this.conv(section, 'redirect_stderr', () => dt.boolean(this.get(section, 'redirect_stderr', 'false', { names: here })));
    if (redirect) {
      this.fail(
        `[${section}] section sets redirect_stderr=true but this is not allowed because it will interfere with the eventlistener protocol`,
        section,
        'redirect_stderr',
      );
    }
    const processes = this.processesFromSection(section, poolName, 'EventListenerConfig');
    return {
      type: 'eventlistener',
      name: poolName,
      priority,
      process_names: processes.map((p) => p.name),
      processes,
      buffer_size: bufferSize,
      events: eventNames.sort(),
      result_handler: handler.trim().replace(/\s*:\s*/, ':'),
    };
  }

  fcgiGroup(section: string, here: Names): FcgiGroupConfig {
    const name = this.conv(section, null, () => dt.processOrGroupName(section.slice(section.indexOf(':') + 1)));
    const priority = this.conv(section, 'priority', () => dt.integer(this.get(section, 'priority', '999', { names: here })));
    const procUser = this.get(section, 'user', null, { names: here });
    const procUid = procUser === null ? null : this.conv(section, 'user', () => dt.nameToUid(procUser, this.host));
    const backlogRaw = this.get(section, 'socket_backlog', null, { names: here });
    let backlog: number | null = null;
    if (backlogRaw !== null) {
      backlog = this.conv(section, 'socket_backlog', () => dt.integer(backlogRaw));
      if (backlog < 1 || backlog > 65535) this.fail(`Invalid socket_backlog value ${backlog} (expected 1 to 65535)`, section, 'socket_backlog');
    }
    const ownerRaw = this.get(section, 'socket_owner', null, { names: here });
    let owner: [number, number] | null = null;
    if (ownerRaw !== null) {
      try {
        owner = dt.colonSeparatedUserGroup(ownerRaw, this.host);
      } catch {
        this.fail(`Invalid socket_owner value ${ownerRaw} (expected user or user:group)`, section, 'socket_owner');
      }
    }
    const modeRaw = this.get(section, 'socket_mode', null, { names: here });
    let mode: number | null = null;
    if (modeRaw !== null) {
      try {
        mode = dt.octal(modeRaw);
      } catch {
        this.fail(`Invalid socket_mode value ${modeRaw} (expected an octal mode such as 0700)`, section, 'socket_mode');
      }
    }
    const names: Names = new Map<string, FormatValue>([['program_name', name], ...here]);
    const sock = this.get(section, 'socket', null, { names });
    if (!sock) this.fail(`[${section}] section requires a "socket" line`, section, 'socket');
    const socket = this.parseFcgiSocket(sock, procUid, owner, mode, backlog, section);
    const processes = this.processesFromSection(section, name, 'FastCGIProcessConfig');
    return { type: 'fcgi', name, priority, process_names: processes.map((p) => p.name), processes, socket };
  }

  parseFcgiSocket(
    sock: string,
    procUid: number | null,
    ownerIn: [number, number] | null,
    modeIn: number | null,
    backlog: number | null,
    section: string,
  ): FcgiSocketConfig {
    const bad = (detail: string): never => this.fail(`${detail} in [${section}] socket`, section, 'socket');
    if (sock.startsWith('unix://')) {
      const raw = sock.slice(7);
      if (!pyIsAbs(raw)) bad(`('Unix socket path %s is not an absolute path', ${pythonRepr(raw)})`);
      const p = this.normalizePath(raw);
      let owner = ownerIn;
      if (owner === null) {
        const uid = this.host.getuid();
        if (procUid !== null && procUid !== uid) owner = [procUid, this.conv(section, 'user', () => dt.gidForUid(procUid, this.host))];
      }
      return { url: `unix://${p}`, family: 'unix', backlog, path: p, mode: modeIn ?? 0o700, owner };
    }
    if (ownerIn !== null || modeIn !== null) {
      bad('socket_owner and socket_mode params should only be used with a Unix domain socket');
    }
    const m = /^tcp:\/\/([^\s:]+):(\d+)$/.exec(sock);
    if (m) {
      const host = m[1].toLowerCase();
      const port = this.conv(section, 'socket', () => dt.portNumber(m[2]));
      return { url: `tcp://${host}:${port}`, family: 'inet', backlog, host, port };
    }
    return bad(`('Bad socket format %s', ${pythonRepr(sock)}) (expected unix:///absolute/path or tcp://host:port)`);
  }

  processesFromSection(section: string, groupName: string, klass: ConfigClass): ProcessConfig[] {
    const programName = this.conv(section, null, () => dt.processOrGroupName(section.slice(section.indexOf(':') + 1)));
    const common: Names = new Map<string, FormatValue>([
      ['here', this.here],
      ['program_name', programName],
      ['host_node_name', this.host.hostname()],
      ['group_name', groupName],
    ]);
    const get = (key: string, dflt: string | null, names: Names = common, expand = true): string | null =>
      this.get(section, key, dflt, { names, expand });
    // In collecting mode a bad value is recorded and its default used, so later keys get checked too.
    const typed = <T>(key: string, dflt: string, fn: (v: string) => T): T =>
      this.guard(() => this.conv(section, key, () => fn(get(key, dflt) as string)), fn(dflt));

    const priority = typed('priority', '999', dt.integer);
    const autostart = typed('autostart', 'true', dt.boolean);
    const autorestart = typed('autorestart', 'unexpected', dt.autoRestart);
    const startsecs = typed('startsecs', '1', dt.integer);
    const startretries = typed('startretries', '3', dt.integer);
    const stopsignal = typed('stopsignal', 'TERM', dt.signalNumber);
    const stopwaitsecs = typed('stopwaitsecs', '10', dt.integer);
    const stopasgroup = typed('stopasgroup', 'false', dt.boolean);
    const killasgroup = this.store.has(section, 'killasgroup') ? typed('killasgroup', 'false', dt.boolean) : stopasgroup;
    const exitcodes = typed('exitcodes', '0', dt.listOfExitcodes);
    const redirectStderr = typed('redirect_stderr', 'false', dt.boolean);
    const numprocs = typed('numprocs', '1', dt.integer);
    const numprocsStart = typed('numprocs_start', '0', dt.integer);
    const environmentRaw = get('environment', '', common, false) as string;
    const stdoutCmax = typed('stdout_capture_maxbytes', '0', dt.byteSize);
    const stdoutEvents = typed('stdout_events_enabled', 'false', dt.boolean);
    const stderrCmax = typed('stderr_capture_maxbytes', '0', dt.byteSize);
    const stderrEvents = typed('stderr_events_enabled', 'false', dt.boolean);
    let serverurl = get('serverurl', null);
    if (serverurl && serverurl.trim().toUpperCase() === 'AUTO') serverurl = null;
    const user = get('user', null);
    const uid = user === null ? null : this.guard(() => this.conv(section, 'user', () => dt.nameToUid(user, this.host)), null);
    const gid = uid === null ? null : (this.host.getpwuid(uid)?.gid ?? null);
    const umaskRaw = get('umask', null);
    const umask = umaskRaw === null ? null : this.guard(() => this.conv(section, 'umask', () => dt.octal(umaskRaw)), null);
    const processNameTemplate = this.conv(section, 'process_name', () =>
      dt.processOrGroupName(get('process_name', '%(program_name)s', common, false) as string),
    );
    if (numprocs > 1 && !processNameTemplate.includes('%(process_num)')) {
      this.fail(
        '%(process_num) must be present within process_name when numprocs > 1 (for example process_name=%(program_name)s_%(process_num)02d)',
        section,
        this.store.has(section, 'process_name') ? 'process_name' : 'numprocs',
      );
    }
    if (stopasgroup && !killasgroup) {
      this.fail('Cannot set stopasgroup=true and killasgroup=false', section, 'killasgroup');
    }

    const programs: ProcessConfig[] = [];
    for (let processNum = numprocsStart; processNum < numprocs + numprocsStart; processNum++) {
      const names: Names = new Map(common);
      names.set('process_num', processNum);
      names.set('numprocs', numprocs);
      for (const [k, v] of this.envNames) names.set(k, v);
      const expandedEnv = this.expand(environmentRaw, names, 'environment', section, 'environment');
      const environment = this.conv(section, 'environment', () => dt.dictOfKeyValuePairs(expandedEnv));
      for (const [k, v] of Object.entries(environment)) names.set(`ENV_${k}`, v);

      const directory = get('directory', null, names);
      const logs: Record<string, unknown> = {};
      for (const ch of ['stdout', 'stderr'] as const) {
        const lfKey = `${ch}_logfile`;
        let lf = get(lfKey, null, names);
        if (lf !== null) lf = this.expand(lf, names, lfKey, section, lfKey);
        let lfVal = this.conv(section, lfKey, () => (lf === null ? 'AUTO' : this.logfileName(lf)));
        const backups = this.conv(section, `${ch}_logfile_backups`, () => dt.integer(get(`${ch}_logfile_backups`, '10', names) as string));
        const maxbytes = this.conv(section, `${ch}_logfile_maxbytes`, () => dt.byteSize(get(`${ch}_logfile_maxbytes`, '50MB', names) as string));
        let syslog = this.conv(section, `${ch}_syslog`, () => dt.boolean(get(`${ch}_syslog`, 'false', names) as string));
        if (lfVal === 'SYSLOG') {
          this.warnings.push(
            `For [${section}], ${lfKey}=syslog but this is deprecated and will be removed.  Use ${ch}_syslog=true to enable syslog instead.`,
          );
          lfVal = null;
          syslog = true;
        }
        if (lfVal === 'AUTO' && !maxbytes) {
          this.warnings.push(
            `For [${section}], AUTO logging used for ${lfKey} without rollover, set maxbytes > 0 to avoid filling up filesystem unintentionally`,
          );
        }
        logs[lfKey] = lfVal;
        logs[`${ch}_logfile_backups`] = backups;
        logs[`${ch}_logfile_maxbytes`] = maxbytes;
        logs[`${ch}_syslog`] = syslog;
      }
      if (redirectStderr) {
        if (logs.stderr_logfile !== 'AUTO' && logs.stderr_logfile !== null) {
          this.warnings.push(
            `For [${section}], redirect_stderr=true but stderr_logfile has also been set to a filename, the filename has been ignored`,
          );
        }
        logs.stderr_logfile = null;
      }
      const command = get('command', null, names);
      if (command === null) this.fail(`program section ${section} does not specify a command`, section, 'command');
      const name = this.expand(processNameTemplate, names, 'process_name', section, 'process_name');
      let commandArgv: string[] | null;
      let commandArgvError: string | undefined;
      try {
        commandArgv = pythonShlexSplit(command);
      } catch (e) {
        if (!(e instanceof ShlexError)) throw e;
        commandArgv = null;
        commandArgvError = e.message;
      }
      const pc: ProcessConfig = {
        config_class: klass,
        name,
        command,
        command_argv: commandArgv,
        directory,
        umask,
        priority,
        autostart,
        autorestart,
        startsecs,
        startretries,
        exitcodes,
        stopsignal: dt.signame(stopsignal),
        stopsignal_number: stopsignal,
        stopwaitsecs,
        stopasgroup,
        killasgroup,
        user,
        uid,
        gid,
        redirect_stderr: redirectStderr,
        environment,
        serverurl,
        stdout_logfile: logs.stdout_logfile as string | null,
        stdout_logfile_maxbytes: logs.stdout_logfile_maxbytes as number,
        stdout_logfile_backups: logs.stdout_logfile_backups as number,
        stdout_capture_maxbytes: stdoutCmax,
        stdout_events_enabled: stdoutEvents,
        stdout_syslog: logs.stdout_syslog as boolean,
        stderr_logfile: logs.stderr_logfile as string | null,
        stderr_logfile_maxbytes: logs.stderr_logfile_maxbytes as number,
        stderr_logfile_backups: logs.stderr_logfile_backups as number,
        stderr_capture_maxbytes: stderrCmax,
        stderr_events_enabled: stderrEvents,
        stderr_syslog: logs.stderr_syslog as boolean,
      };
      if (commandArgvError !== undefined) pc.command_argv_error = commandArgvError;
      programs.push(pc);
    }
    return programs.sort(byPriorityThenName);
  }

  // ---- HTTP servers ----------------------------------------------------------------------

  serverSections(prefix: string): [string | null, string][] {
    return this.store
      .sections()
      .filter((s) => s.startsWith(prefix))
      .map((s) => {
        const i = s.indexOf(':');
        return [i >= 0 ? s.slice(i + 1) : null, s];
      });
  }

  auth(section: string): { username: string | null; password: string | null } {
    const username = this.get(section, 'username', null);
    const password = this.get(section, 'password', null);
    if ((username === null) !== (password === null)) {
      this.fail(
        `Section [${section}] contains incomplete authentication: If a username or a password is specified, both the username and password must be specified`,
        section,
        username === null ? 'password' : 'username',
      );
    }
    return { username, password };
  }

  servers(): HttpServerConfig[] {
    const configs: HttpServerConfig[] = [];
    for (const [name, section] of this.serverSections('inet_http_server')) {
      this.guard(() => {
        const { username, password } = this.auth(section);
        const port = this.get(section, 'port', null);
        if (port === null) this.fail(`section [${section}] has no port value`, section, 'port');
        const addr = this.conv(section, 'port', () => dt.inetAddress(port));
        configs.push({ section, name, family: 'inet', host: addr.host, port: addr.port, username, password });
      }, undefined);
    }
    for (const [name, section] of this.serverSections('unix_http_server')) {
      this.guard(() => {
        const sfile = this.get(section, 'file', null, { names: new Map([['here', this.here]]) });
        if (sfile === null) this.fail(`section [${section}] has no file value`, section, 'file');
        const file = this.normalizePath(sfile.trim());
        const { username, password } = this.auth(section);
        const chownRaw = this.get(section, 'chown', null);
        let chown: [number, number] = [-1, -1];
        if (chownRaw !== null) {
          try {
            chown = dt.colonSeparatedUserGroup(chownRaw, this.host);
          } catch {
            this.fail(`Invalid sockchown value ${chownRaw} (expected user or user:group naming an existing user and group)`, section, 'chown');
          }
        }
        const chmodRaw = this.get(section, 'chmod', null);
        let chmod = 0o700;
        if (chmodRaw !== null) {
          try {
            chmod = dt.octal(chmodRaw);
          } catch {
            this.fail(`Invalid chmod value ${chmodRaw} (expected an octal mode such as 0700)`, section, 'chmod');
          }
        }
        configs.push({ section, name, family: 'unix', file, chmod, chown, username, password });
      }, undefined);
    }
    return configs;
  }
}

function byPriorityThenName<T extends { priority: number; name: string }>(a: T, b: T): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface LoadResult {
  config: ResolvedConfig | null;
  /** Every error found (collecting mode); empty when the file is accepted. */
  errors: ConfigError[];
}

function run(configPath: string, options: LoadOptions, collect: boolean): LoadResult {
  const host = options.host ?? defaultConfigHost();
  const overrides = options.overrides ?? {};
  const loader = new Loader(configPath, host, collect);
  try {
    loader.readMain();
  } catch (e) {
    if (collect && e instanceof ConfigError) return { config: null, errors: [e] };
    throw e;
  }
  const sup = loader.supervisordSection(overrides);
  const rpcinterfaces = loader.plugins('supervisor.rpcinterface_factory', 'rpcinterface:');
  const groups = loader.groups();
  for (const g of groups) {
    for (const p of g.processes) p.environment = { ...sup.environment, ...p.environment };
  }
  const httpServers = loader.servers();

  // What upstream's realize() does after reading the file.
  loader.guard(() => {
    if (sup.user !== null) {
      const uid = loader.conv('supervisord', 'user', () => dt.nameToUid(sup.user as string, host));
      sup.uid = uid;
      sup.gid = loader.conv('supervisord', 'user', () => dt.gidForUid(uid, host));
    }
  }, undefined);
  if (sup.logfile !== 'syslog') sup.logfile = loader.normalizePath(sup.logfile);
  sup.pidfile = loader.normalizePath(sup.pidfile);
  const unix = httpServers.find((s) => s.family === 'unix');
  if (unix && unix.family === 'unix') {
    sup.serverurl = `unix://${unix.file}`;
  } else {
    const inet = httpServers.find((s) => s.family === 'inet');
    if (inet && inet.family === 'inet') sup.serverurl = `http://${inet.host || 'localhost'}:${inet.port}`;
  }
  if (collect && loader.errors.length > 0) {
    const order = (e: ConfigError): [string, number] => [e.file ?? '', e.line ?? 0];
    const sorted = [...loader.errors].sort((a, b) => {
      const [fa, la] = order(a);
      const [fb, lb] = order(b);
      return fa === fb ? la - lb : 0;
    });
    return { config: null, errors: sorted };
  }
  return {
    config: {
      configfile: pyAbspath(configPath, host.cwd()),
      supervisord: sup,
      http_servers: httpServers,
      rpcinterfaces,
      groups,
      warnings: loader.warnings,
      infos: loader.infos,
    },
    errors: [],
  };
}

/** Loads a config file; throws ConfigError on the first problem, as supervisord refuses to start. */
export function loadConfig(configPath: string, options: LoadOptions = {}): ResolvedConfig {
  return run(configPath, options, false).config as ResolvedConfig;
}

/**
 * Loads a config file and collects every problem found instead of stopping at the first
 * (for `--check-config`). A problem in one section does not hide problems in the others.
 */
export function checkConfig(configPath: string, options: LoadOptions = {}): LoadResult {
  return run(configPath, options, true);
}

export interface ProgramOptionsInput {
  /** The program name (the `x` of `[program:x]`). */
  program: string;
  /** The group the processes join. */
  groupName: string;
  /** Key/value pairs as a `[program:x]` section would hold them (values are not comment-stripped). */
  options: Readonly<Record<string, string>>;
  /** The running configuration: its file gives `%(here)s`, its `[supervisord] environment=` gives `ENV_*` names. */
  config: ResolvedConfig;
  host?: ConfigHost;
  /** Names the origin of the options in error messages; default `program options`. */
  source?: string;
}

/**
 * Builds the processes of a `[program:x]` section given as a dictionary (twiddler's
 * addProgramToGroup), parsed and validated exactly as the config file would be.
 * As upstream, the `[supervisord] environment=` pairs are usable as `%(ENV_X)s` but are not
 * merged into the processes' `environment` here. Throws ConfigError.
 */
export function processesFromProgramOptions(input: ProgramOptionsInput): ProcessConfig[] {
  const host = input.host ?? defaultConfigHost();
  const source = input.source ?? 'program options';
  const loader = new Loader(input.config.configfile, host, false);
  loader.here = pyDirname(input.config.configfile);
  for (const [k, v] of Object.entries(input.config.supervisord.environment)) loader.envNames.set(`ENV_${k}`, v);
  const section = `program:${input.program}`;
  loader.store.addSection(section, source);
  for (const [k, v] of Object.entries(input.options)) loader.store.set(section, k, { value: v, file: source, line: 0 });
  return loader.processesFromSection(section, input.groupName, 'ProcessConfig');
}

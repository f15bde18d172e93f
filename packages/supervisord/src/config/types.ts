/**
 * The resolved configuration: what the loader makes of a supervisord.conf and its includes.
 * Field names keep upstream spelling, because users and `--print-config` see them.
 * Every value is already typed, expanded and normalised; nothing downstream re-parses strings.
 */

export type LogLevelName = 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG' | 'TRAC' | 'BLAT';
export type AutoRestart = 'true' | 'false' | 'unexpected';
export type ConfigClass = 'ProcessConfig' | 'FastCGIProcessConfig' | 'EventListenerConfig';

export interface SupervisordConfig {
  nodaemon: boolean;
  silent: boolean;
  /** `user=` as written, or null. */
  user: string | null;
  uid: number | null;
  gid: number | null;
  umask: number;
  directory: string | null;
  /** An absolute path, or the literal `syslog`. */
  logfile: string;
  logfile_maxbytes: number;
  logfile_backups: number;
  loglevel: LogLevelName;
  loglevel_number: number;
  pidfile: string;
  identifier: string;
  childlogdir: string;
  minfds: number;
  minprocs: number;
  nocleanup: boolean;
  strip_ansi: boolean;
  environment: Record<string, string>;
  /** The URL handed to children in SUPERVISOR_SERVER_URL when they set none. */
  serverurl: string | null;
}

interface HttpServerBase {
  /** `inet_http_server` or `unix_http_server`. */
  section: string;
  name: string | null;
  username: string | null;
  /** Plain text, or `{SHA}` followed by the hex SHA-1 of the password. */
  password: string | null;
}

export interface InetHttpServerConfig extends HttpServerBase {
  family: 'inet';
  /** Empty string means every interface. */
  host: string;
  port: number;
}

export interface UnixHttpServerConfig extends HttpServerBase {
  family: 'unix';
  file: string;
  chmod: number;
  /** [uid, gid], -1 for "leave as is". */
  chown: [number, number];
}

export type HttpServerConfig = InetHttpServerConfig | UnixHttpServerConfig;

export interface PluginConfig {
  /** The part after `rpcinterface:` or `ctlplugin:`. */
  name: string;
  /** `module:attribute`, as written in `supervisor.rpcinterface_factory`. */
  factory: string;
  /** Every other key of the section, passed to the factory. */
  extras: Record<string, string>;
}

export interface ProcessConfig {
  config_class: ConfigClass;
  name: string;
  command: string;
  /** `command` split as Python's shlex.split does it; null when it cannot be split. */
  command_argv: string[] | null;
  command_argv_error?: string;
  directory: string | null;
  umask: number | null;
  priority: number;
  autostart: boolean;
  autorestart: AutoRestart;
  startsecs: number;
  startretries: number;
  exitcodes: number[];
  /** Signal name as upstream prints it, e.g. `SIGTERM`. */
  stopsignal: string;
  stopsignal_number: number;
  stopwaitsecs: number;
  stopasgroup: boolean;
  killasgroup: boolean;
  /** `user=` as written (needed for supplementary groups), or null. */
  user: string | null;
  uid: number | null;
  gid: number | null;
  redirect_stderr: boolean;
  environment: Record<string, string>;
  serverurl: string | null;
  /** A path, `AUTO`, or null for NONE/OFF/syslog-only/redirected. */
  stdout_logfile: string | null;
  stdout_logfile_maxbytes: number;
  stdout_logfile_backups: number;
  stdout_capture_maxbytes: number;
  stdout_events_enabled: boolean;
  stdout_syslog: boolean;
  stderr_logfile: string | null;
  stderr_logfile_maxbytes: number;
  stderr_logfile_backups: number;
  stderr_capture_maxbytes: number;
  stderr_events_enabled: boolean;
  stderr_syslog: boolean;
}

export interface InetSocketConfig {
  url: string;
  family: 'inet';
  backlog: number | null;
  host: string;
  port: number;
}

export interface UnixSocketConfig {
  url: string;
  family: 'unix';
  backlog: number | null;
  path: string;
  mode: number | null;
  owner: [number, number] | null;
}

export type FcgiSocketConfig = InetSocketConfig | UnixSocketConfig;

interface GroupBase {
  name: string;
  priority: number;
  process_names: string[];
  processes: ProcessConfig[];
}

export interface ProgramGroupConfig extends GroupBase {
  type: 'program';
}

export interface FcgiGroupConfig extends GroupBase {
  type: 'fcgi';
  socket: FcgiSocketConfig;
}

export interface EventListenerGroupConfig extends GroupBase {
  type: 'eventlistener';
  buffer_size: number;
  /** Sorted event type names, e.g. `PROCESS_STATE`, `TICK_60`. */
  events: string[];
  /** `module:qualname`; upstream's default is `supervisor.dispatchers:default_handler`. */
  result_handler: string;
}

export type GroupConfig = ProgramGroupConfig | FcgiGroupConfig | EventListenerGroupConfig;

export interface SupervisorctlConfig {
  serverurl: string;
  username: string | null;
  password: string | null;
  prompt: string;
  history_file: string | null;
  ctlplugins: PluginConfig[];
}

/** Everything supervisord needs to run, in upstream's order (groups sorted by priority, then name). */
export interface ResolvedConfig {
  /** Absolute path of the main config file. */
  configfile: string;
  supervisord: SupervisordConfig;
  http_servers: HttpServerConfig[];
  rpcinterfaces: PluginConfig[];
  groups: GroupConfig[];
  /** Non-fatal messages, as upstream's parse_warnings. */
  warnings: string[];
  /** Informational messages such as `Included extra file "..." during parsing`. */
  infos: string[];
}

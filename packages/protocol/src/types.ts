/** The structs supervisord returns over XML-RPC, with upstream's keys in upstream's order. */
import type { ProcessStateCode, ProcessStateName } from './states';

/** `getProcessInfo` / `getAllProcessInfo` element. */
export interface ProcessInfo {
  name: string;
  group: string;
  start: number;
  stop: number;
  now: number;
  state: ProcessStateCode;
  statename: ProcessStateName;
  spawnerr: string;
  exitstatus: number;
  logfile: string;
  stdout_logfile: string;
  stderr_logfile: string;
  pid: number;
  description: string;
}

/** One element of the arrays returned by the *Group / *All operations. */
export interface ProcessResult {
  name: string;
  group: string;
  /** 80 (SUCCESS) or a fault code. */
  status: number;
  /** `OK` or the fault string. */
  description: string;
}

/** `getState` result. */
export interface SupervisorStateInfo {
  statecode: number;
  statename: string;
}

/** One element of `getAllConfigInfo`. */
export interface ProcessConfigInfo {
  autostart: boolean;
  directory: string;
  uid: number | string;
  command: string;
  exitcodes: number[];
  group: string;
  group_prio: number;
  inuse: boolean;
  killasgroup: boolean;
  name: string;
  process_prio: number;
  redirect_stderr: boolean;
  startretries: number;
  startsecs: number;
  stdout_capture_maxbytes: number;
  stdout_events_enabled: boolean;
  stdout_logfile: string;
  stdout_logfile_backups: number;
  stdout_logfile_maxbytes: number;
  stdout_syslog: boolean;
  stopsignal: number;
  stopwaitsecs: number;
  stderr_capture_maxbytes: number;
  stderr_events_enabled: boolean;
  stderr_logfile: string;
  stderr_logfile_backups: number;
  stderr_logfile_maxbytes: number;
  stderr_syslog: boolean;
  serverurl: string;
}

/** `tailProcess*Log` result: [text, new offset, overflow]. */
export type TailResult = [string, number, boolean];

/** `reloadConfig` result: one element holding [added, changed, removed]. */
export type ReloadConfigResult = [[string[], string[], string[]]];

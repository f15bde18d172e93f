/**
 * The running supervisor as the outside sees it: the RPC namespaces, the web UI and plugins read
 * and command processes through these interfaces only, never through internals.
 *
 * Contract between the process model (which implements it) and its consumers (RPC, HTTP, web).
 * Extend it when a consumer needs more; keep existing members stable.
 */
import type { ProcessStateName, SupervisorStateName } from '@supervisor-ts/protocol';
import type { GroupConfig, ProcessConfig } from '../config/types';

export type StateListener = (process: ProcessView, from: ProcessStateName, to: ProcessStateName) => void;

/** Why a command cannot be spawned, checked before a start (upstream's NO_FILE/NOT_EXECUTABLE). */
export interface CommandProblem {
  fault: 'NO_FILE' | 'NOT_EXECUTABLE';
  /** The spawn-error text, e.g. `can't find command '/nope'`. */
  message: string;
}

export interface ProcessView {
  readonly group: string;
  readonly name: string;
  readonly config: ProcessConfig;
  readonly state: ProcessStateName;
  /** 0 when not running. */
  readonly pid: number;
  /** Epoch seconds (fractional) of the last spawn, 0 if never started. */
  readonly startTime: number;
  /** Epoch seconds (fractional) of the last stop or exit, 0 if never stopped. */
  readonly stopTime: number;
  /** Last spawn error text, or ''. */
  readonly spawnerr: string;
  /** Last exit code; -1 when killed by a signal; 0 if none yet. */
  readonly exitstatus: number;
  /** Resolved log paths (AUTO already turned into a file name), or null when there is none. */
  readonly stdoutLogPath: string | null;
  readonly stderrLogPath: string | null;

  /** Resolves the command as a spawn would; null when it looks runnable. */
  checkCommand(): CommandProblem | null;
  /** Spawns now. Returns an error text when the spawn failed at once, else null. */
  start(): string | null;
  /**
   * Applies at once a transition that is already due, as 4.2.5 does right after startProcess
   * spawns: with startsecs=0 the process is RUNNING before the caller is answered.
   */
  settle(): void;
  /** Sends the stop signal (or moves BACKOFF to STOPPED). Returns an error text if signalling failed. */
  stop(): string | null;
  /** Sends a signal number. Returns an error text if delivery failed. */
  signal(signal: number): string | null;
  /** Writes to the child's stdin; throws an Error with code 'EPIPE' when stdin is closed. */
  writeStdin(data: Buffer): void;
  /** Truncates the current log files (no-op when not running, as upstream). */
  clearLogs(): void;
  /** Subscribes to this process's state changes; returns the unsubscribe function. */
  onStateChange(listener: StateListener): () => void;
}

export interface GroupView {
  readonly name: string;
  readonly priority: number;
  readonly config: GroupConfig;
  /** In configured order. */
  readonly processes: readonly ProcessView[];
}

export interface ReloadResult {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface SupervisorModel {
  readonly identifier: string;
  readonly state: SupervisorStateName;
  readonly pid: number;
  /** Running groups, ordered by priority then the order in which they were added. */
  groups(): readonly GroupView[];
  getGroup(name: string): GroupView | undefined;
  /** Group configs as last read (at start or by reloadConfig), whether running or not. */
  availableGroupConfigs(): readonly GroupConfig[];

  /** Main log file path, or null when logging to syslog or nowhere. */
  readonly mainLogPath: string | null;
  /** Removes the main log file and reopens it. */
  clearMainLog(): void;

  /** Begins an orderly shutdown (the response to the caller is sent first). */
  shutdown(): void;
  /** Begins a restart: stop everything, re-read the config, rebuild. */
  restart(): void;
  /** Re-reads the config into availableGroupConfigs; throws a ConfigError when it cannot. */
  reloadConfig(): ReloadResult;
  /** Creates a group from availableGroupConfigs. */
  addProcessGroup(name: string): 'OK' | 'BAD_NAME' | 'ALREADY_ADDED';
  /** Removes a group whose processes are all stopped. */
  removeProcessGroup(name: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING';
  /** Publishes a REMOTE_COMMUNICATION event. */
  sendRemoteCommEvent(type: string, data: string): void;
}

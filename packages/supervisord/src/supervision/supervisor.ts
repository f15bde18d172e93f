/**
 * The running supervisor: groups built from a ResolvedConfig, the supervisord state (RUNNING,
 * SHUTDOWN, RESTARTING), ordered start and stop, and the reload diff. It implements the
 * SupervisorModel that the RPC and web layers use.
 */
import type { SupervisorStateName } from '@supervisor-ts/protocol';
import type { EventListenerGroupConfig, GroupConfig, ProcessConfig, ResolvedConfig } from '../config/types';
import type { EventBus } from '../events/bus';
import { processGroupEvent, remoteCommunicationEvent, supervisorStateChangeEvent } from '../events/event-factories';
import { EventSerials } from '../events/serials';
import { EventListenerPool } from '../listeners/pool';
import { defaultResultHandler, resolveResultHandler } from '../listeners/result-handler';
import type { Logger } from '../logging/logger';
import type { Clock, OsPort } from '../os/ports';
import { processServerUrl, supervisordServerUrl } from '../process/server-url';
import type { OutputSink, Subprocess, SubprocessDeps } from '../process/subprocess';
import { diffGroups } from './config-diff';
import type { FcgiSocket } from './fcgi-socket';
import type { GroupView, ReloadResult, SupervisorModel } from './model';
import { ProcessGroup } from './process-group';
import { RuntimeOverlay } from './runtime-overlay';

export interface SupervisorDeps {
  os: OsPort;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  /** Creates the sink of one child stream (null when the stream is not logged anywhere). */
  createOutput: (
    process: ProcessConfig,
    group: GroupConfig,
    channel: 'stdout' | 'stderr',
    pid: () => number,
  ) => OutputSink | null;
  /** Reads the configuration file again (throws ConfigError). */
  rereadConfig: () => ResolvedConfig;
  inheritedEnv: NodeJS.ProcessEnv;
  currentUid: number;
  /**
   * The global event serials. The daemon passes one instance to every supervisor it builds so
   * that numbering continues across restarts; a fresh one is used when absent.
   */
  serials?: EventSerials;
}

export type SupervisorEnd = 'shutdown' | 'restart';

const WAITING_LOG_INTERVAL = 3;
/**
 * Spawns in one go during the autostart pass; between two such batches the event loop turns once,
 * so XML-RPC and HTTP requests are answered while hundreds of programs start.
 */
const AUTOSTART_BATCH = 16;

export class Supervisor implements SupervisorModel {
  private currentState: SupervisorStateName = 'RUNNING';
  private readonly running: ProcessGroup[] = [];
  /** The pools of the running `[eventlistener:x]` groups, by group name. */
  private readonly pools = new Map<string, EventListenerPool>();
  private readonly serials: EventSerials;
  private available: GroupConfig[];
  /** The groups of the last configuration file read; `available` is these plus the runtime overlay. */
  private fileGroups: GroupConfig[];
  /** Groups and processes added or removed at run time (twiddler). */
  private readonly overlay = new RuntimeOverlay();
  private endResolve: ((end: SupervisorEnd) => void) | null = null;
  readonly ended: Promise<SupervisorEnd>;
  private stopping = false;
  /** `[supervisord] environment=` for groups created from now on (the last config read). */
  private supervisordEnvironment: Record<string, string>;

  constructor(
    private config: ResolvedConfig,
    private readonly deps: SupervisorDeps,
  ) {
    this.available = [...config.groups];
    this.fileGroups = [...config.groups];
    this.supervisordEnvironment = config.supervisord.environment;
    this.serials = deps.serials ?? new EventSerials();
    this.ended = new Promise((resolve) => {
      this.endResolve = resolve;
    });
  }

  get identifier(): string {
    return this.config.supervisord.identifier;
  }
  get state(): SupervisorStateName {
    return this.currentState;
  }
  get pid(): number {
    return process.pid;
  }
  get mainLogPath(): string | null {
    return this.deps.logger.path;
  }
  get resolvedConfig(): ResolvedConfig {
    return this.config;
  }

  groups(): readonly GroupView[] {
    return this.running;
  }

  getGroup(name: string): GroupView | undefined {
    return this.running.find((group) => group.name === name);
  }

  availableGroupConfigs(): readonly GroupConfig[] {
    return this.available;
  }

  /** Every process of every running group, in group order. */
  allProcesses(): Subprocess[] {
    return this.running.flatMap((group) => [...group.processes]);
  }

  clearMainLog(): void {
    this.deps.logger.clear();
  }

  /** Creates every configured group (their sockets open); nothing is spawned yet. */
  async createGroups(): Promise<void> {
    const groups: ProcessGroup[] = [];
    for (const config of this.config.groups) groups.push(this.createGroup(config));
    for (const group of groups) {
      try {
        await group.open();
      } catch (error) {
        this.deps.logger.critical((error as Error).message);
      }
    }
  }

  /** Announces SUPERVISOR_STATE_CHANGE_RUNNING, then spawns every autostart process in group priority order. */
  startAutostartProcesses(): void {
    this.deps.bus.publish(supervisorStateChangeEvent('RUNNING'));
    const queue = [...this.running].flatMap((group) => group.processes.map((process) => ({ group, process })));
    const startBatch = (from: number): void => {
      let spawned = 0;
      for (let index = from; index < queue.length; index += 1) {
        if (this.currentState !== 'RUNNING') return;
        const { group, process } = queue[index];
        // A group removed meanwhile (removeProcessGroup) is skipped, as are processes started by a request.
        if (!this.running.includes(group)) continue;
        if (!process.config.autostart || process.state !== 'STOPPED' || process.startTime !== 0) continue;
        process.start();
        spawned += 1;
        if (spawned >= AUTOSTART_BATCH && index + 1 < queue.length) {
          setImmediate(() => startBatch(index + 1));
          return;
        }
      }
    };
    startBatch(0);
  }

  private makeDeps(
    group: GroupConfig,
    process: ProcessConfig,
    socket: FcgiSocket | null,
    pool: EventListenerPool | null,
  ): SubprocessDeps {
    return {
      os: this.deps.os,
      clock: this.deps.clock,
      logger: this.deps.logger,
      bus: this.deps.bus,
      supervisorRunning: () => this.currentState === 'RUNNING',
      inheritedEnv: this.deps.inheritedEnv,
      supervisordEnvironment: this.supervisordEnvironment,
      serverUrl: processServerUrl(process, supervisordServerUrl(this.config)),
      currentUid: this.deps.currentUid,
      stdinFd: socket ? () => socket.fd : undefined,
      createOutput: (channel, pid) => this.deps.createOutput(process, group, channel, pid),
      attachListener: pool === null ? undefined : (listener) => pool.attach(listener),
    };
  }

  /**
   * Creates a running group. A listener pool subscribes before the group's PROCESS_GROUP_ADDED
   * is published, so it receives its own (as in 4.2.5).
   */
  private createGroup(config: GroupConfig): ProcessGroup {
    const pool = config.type === 'eventlistener' ? this.createPool(config) : null;
    const group = new ProcessGroup(config, (process, socket) => this.makeDeps(config, process, socket, pool));
    let index = this.running.length;
    while (index > 0 && this.running[index - 1].priority > group.priority) index -= 1;
    this.running.splice(index, 0, group);
    this.deps.bus.publish(processGroupEvent('ADDED', group.name));
    return group;
  }

  private createPool(config: EventListenerGroupConfig): EventListenerPool {
    let resultHandler = resolveResultHandler(config.result_handler);
    if (resultHandler === null) {
      // Only reachable when a plugin made the spec resolvable for the config reader.
      this.deps.logger.critical(
        `result_handler ${config.result_handler} of [eventlistener:${config.name}] is not available; using the default handler`,
      );
      resultHandler = defaultResultHandler;
    }
    const pool = new EventListenerPool({
      config,
      identifier: this.config.supervisord.identifier,
      serials: this.serials,
      logger: this.deps.logger,
      resultHandler,
    });
    pool.subscribe(this.deps.bus);
    this.pools.get(config.name)?.close();
    this.pools.set(config.name, pool);
    return pool;
  }

  private closePool(name: string): void {
    this.pools.get(name)?.close();
    this.pools.delete(name);
  }

  private autostart(group: ProcessGroup): void {
    if (this.currentState !== 'RUNNING') return;
    for (const process of group.processes) {
      if (process.config.autostart && process.state === 'STOPPED' && process.startTime === 0) process.start();
    }
  }

  shutdown(): void {
    this.beginStop('SHUTDOWN');
  }

  restart(): void {
    this.beginStop('RESTARTING');
  }

  private beginStop(state: 'SHUTDOWN' | 'RESTARTING'): void {
    if (this.stopping) {
      // A shutdown request wins over a restart in progress (never the other way round).
      if (state === 'SHUTDOWN') this.currentState = 'SHUTDOWN';
      return;
    }
    this.stopping = true;
    this.currentState = state;
    this.deps.bus.publish(supervisorStateChangeEvent('STOPPING'));
    void this.stopAllInOrder().then(() => this.endResolve?.(this.currentState === 'SHUTDOWN' ? 'shutdown' : 'restart'));
  }

  /** Stops group after group in reverse priority order, each once all its processes are down. */
  private async stopAllInOrder(): Promise<void> {
    const pending = [...this.running].reverse();
    let lastWaitingLog = 0;
    const logWaiting = (): void => {
      const now = this.deps.clock.now();
      if (now - lastWaitingLog < WAITING_LOG_INTERVAL) return;
      const names = this.allProcesses()
        .filter((process) => !['STOPPED', 'EXITED', 'FATAL', 'UNKNOWN'].includes(process.state))
        .map((process) => process.name);
      if (names.length === 0) return;
      lastWaitingLog = now;
      this.deps.logger.info(`waiting for ${names.join(', ')} to die`);
    };
    for (const group of pending) {
      for (const process of group.stopOrder()) process.shutdownStop();
      await this.waitUntilStopped(group, logWaiting);
      // One turn of the event loop: listener pools send what the group's stop produced
      // (its PROCESS_STATE_STOPPED events) before the next group, possibly the listeners, stops.
      if (this.pools.size > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private waitUntilStopped(group: ProcessGroup, logWaiting: () => void): Promise<void> {
    if (group.allStopped()) return Promise.resolve();
    return new Promise((resolve) => {
      const unsubscribes = group.processes.map((process) =>
        process.onStateChange(() => {
          if (!group.allStopped()) return;
          for (const unsubscribe of unsubscribes) unsubscribe();
          clearInterval(interval);
          resolve();
        }),
      );
      logWaiting();
      const interval = setInterval(logWaiting, WAITING_LOG_INTERVAL * 1000);
    });
  }

  /** Releases every group (log files, sockets). */
  close(): void {
    for (const name of [...this.pools.keys()]) this.closePool(name);
    for (const group of this.running) group.close();
  }

  reloadConfig(): ReloadResult {
    const fresh = this.deps.rereadConfig();
    this.fileGroups = [...fresh.groups];
    this.overlay.prune(this.fileGroups, this.running.map((group) => group.name));
    this.available = this.overlay.apply(this.fileGroups);
    this.supervisordEnvironment = fresh.supervisord.environment;
    return diffGroups(
      this.running.map((group) => group.config),
      this.available,
    );
  }

  addProcessGroup(name: string): 'OK' | 'BAD_NAME' | 'ALREADY_ADDED' {
    const config = this.available.find((group) => group.name === name);
    if (!config) return 'BAD_NAME';
    if (this.getGroup(name)) return 'ALREADY_ADDED';
    const group = this.createGroup(config);
    if (group.socket === null) {
      this.autostart(group);
      return 'OK';
    }
    group.open().then(
      () => this.autostart(group),
      (error: Error) => this.deps.logger.critical(error.message),
    );
    return 'OK';
  }

  removeProcessGroup(name: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING' {
    const index = this.running.findIndex((group) => group.name === name);
    if (index < 0) return 'BAD_NAME';
    const group = this.running[index];
    if (!group.allStopped()) return 'STILL_RUNNING';
    this.closePool(name);
    group.close();
    this.running.splice(index, 1);
    this.deps.bus.publish(processGroupEvent('REMOVED', name));
    return 'OK';
  }

  /** Creates an empty running group (twiddler addGroup); throws an Error coded ALREADY_ADDED. */
  addEmptyGroup(name: string, priority: number): void {
    if (this.getGroup(name)) {
      throw Object.assign(new Error(`group ${name} already exists`), { code: 'ALREADY_ADDED', groupName: name });
    }
    const config: GroupConfig = { type: 'program', name, priority, process_names: [], processes: [] };
    this.overlay.addGroup(config);
    this.available = this.overlay.apply(this.fileGroups);
    this.createGroup(config);
  }

  /** Removes a group with twiddler's removeGroup: what was added to it at run time is forgotten too. */
  removeGroupAtRuntime(name: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING' {
    const result = this.removeProcessGroup(name);
    if (result === 'OK') {
      this.overlay.forgetGroup(name);
      this.available = this.overlay.apply(this.fileGroups);
    }
    return result;
  }

  /**
   * Adds processes to a running group (twiddler addProgramToGroup) and starts the autostart ones.
   * Throws an Error coded BAD_NAME when the group is unknown or a name is taken.
   */
  addProcessesToGroup(groupName: string, configs: readonly ProcessConfig[]): string[] {
    const group = this.running.find((candidate) => candidate.name === groupName);
    if (!group) throw Object.assign(new Error(`no group ${groupName}`), { code: 'BAD_NAME', groupName });
    for (const config of configs) {
      if (group.processes.some((process) => process.name === config.name)) {
        throw Object.assign(new Error(`process ${config.name} already exists`), { code: 'BAD_NAME', processName: config.name });
      }
    }
    const added = configs.map((config) => group.addProcess(config));
    this.overlay.addProcesses(groupName, configs);
    this.available = this.overlay.apply(this.fileGroups);
    if (this.currentState === 'RUNNING') {
      for (const process of added) if (process.config.autostart) process.start();
    }
    return added.map((process) => process.name);
  }

  /** Removes one stopped process from a running group (twiddler removeProcessFromGroup). */
  removeProcessFromGroup(groupName: string, processName: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING' {
    const group = this.running.find((candidate) => candidate.name === groupName);
    const process = group?.processes.find((candidate) => candidate.name === processName);
    if (!group || !process) return 'BAD_NAME';
    if (!['STOPPED', 'EXITED', 'FATAL', 'UNKNOWN'].includes(process.state)) return 'STILL_RUNNING';
    group.removeProcess(process);
    this.overlay.removeProcess(groupName, processName);
    this.available = this.overlay.apply(this.fileGroups);
    return 'OK';
  }

  sendRemoteCommEvent(type: string, data: string): void {
    this.deps.bus.publish(remoteCommunicationEvent(type, data));
  }

  /** SIGUSR2: reopen the main log and every child log. */
  reopenLogs(): void {
    this.deps.logger.reopen();
    for (const process of this.allProcesses()) process.reopenLogs();
  }
}

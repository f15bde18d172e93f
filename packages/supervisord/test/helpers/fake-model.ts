/**
 * A small in-memory SupervisorModel for unit tests of the RPC and HTTP layers. Processes change
 * state only when a test (or a command hook) says so.
 */
import type { ProcessStateName, SupervisorStateName } from '@supervisor-ts/protocol';
import type { GroupConfig, ProcessConfig, ProgramGroupConfig } from '../../src/config/types';
import { processConfig as baseProcessConfig } from '../fakes/process-config';
import type {
  CommandProblem,
  GroupView,
  ProcessView,
  ReloadResult,
  StateListener,
  SupervisorModel,
} from '../../src/supervision/model';

/** A program config as the loader makes it for `[program:<name>]` with `command=/bin/sleep 1000`. */
export function processConfig(name: string, overrides: Partial<ProcessConfig> = {}): ProcessConfig {
  return baseProcessConfig({
    name,
    command: '/bin/sleep 1000',
    command_argv: ['/bin/sleep', '1000'],
    stdout_logfile: 'AUTO',
    stdout_logfile_maxbytes: 52428800,
    stdout_logfile_backups: 10,
    stderr_logfile: 'AUTO',
    stderr_logfile_maxbytes: 52428800,
    stderr_logfile_backups: 10,
    ...overrides,
  });
}

export function groupConfig(name: string, processes: ProcessConfig[], priority = 999): ProgramGroupConfig {
  return { type: 'program', name, priority, process_names: processes.map((p) => p.name), processes };
}

export class FakeProcess implements ProcessView {
  state: ProcessStateName = 'STOPPED';
  pid = 0;
  startTime = 0;
  stopTime = 0;
  spawnerr = '';
  exitstatus = 0;
  stdoutLogPath: string | null = null;
  stderrLogPath: string | null = null;
  commandProblem: CommandProblem | null = null;
  /** What start() does: default moves to STARTING (or RUNNING when startsecs is 0). */
  onStart: (p: FakeProcess) => string | null = (p) => {
    p.pid = 4242;
    p.startTime = Date.now() / 1000;
    p.spawnerr = '';
    p.setState(p.config.startsecs === 0 ? 'RUNNING' : 'STARTING');
    return null;
  };
  /** What stop() does: default moves to STOPPING (BACKOFF goes to STOPPED). */
  onStop: (p: FakeProcess) => string | null = (p) => {
    p.setState(p.state === 'BACKOFF' ? 'STOPPED' : 'STOPPING');
    return null;
  };
  signals: number[] = [];
  signalError: string | null = null;
  stdin: Buffer[] = [];
  stdinClosed = false;
  clearCount = 0;
  clearThrows = false;
  private listeners = new Set<StateListener>();

  constructor(
    readonly group: string,
    readonly config: ProcessConfig,
  ) {}

  get name(): string {
    return this.config.name;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  setState(next: ProcessStateName): void {
    const from = this.state;
    this.state = next;
    if (next === 'STOPPED' || next === 'EXITED' || next === 'FATAL') {
      this.pid = 0;
      this.stopTime = Date.now() / 1000;
    }
    for (const listener of [...this.listeners]) listener(this, from, next);
  }

  checkCommand(): CommandProblem | null {
    return this.commandProblem;
  }
  start(): string | null {
    return this.onStart(this);
  }
  settle(): void {}
  stop(): string | null {
    return this.onStop(this);
  }
  signal(signal: number): string | null {
    if (this.signalError) return this.signalError;
    this.signals.push(signal);
    return null;
  }
  writeStdin(data: Buffer): void {
    if (this.stdinClosed) throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    this.stdin.push(data);
  }
  clearLogs(): void {
    if (this.clearThrows) throw new Error('EACCES');
    this.clearCount += 1;
  }
  onStateChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export class FakeGroup implements GroupView {
  readonly processes: FakeProcess[];
  constructor(readonly config: GroupConfig) {
    this.processes = config.processes.map((p) => new FakeProcess(config.name, p));
  }
  get name(): string {
    return this.config.name;
  }
  get priority(): number {
    return this.config.priority;
  }
  process(name: string): FakeProcess {
    const found = this.processes.find((p) => p.name === name);
    if (!found) throw new Error(`no process ${name}`);
    return found;
  }
}

export class FakeModel implements SupervisorModel {
  identifier = 'supervisor';
  state: SupervisorStateName = 'RUNNING';
  pid = 12345;
  mainLogPath: string | null = null;
  running: FakeGroup[] = [];
  available: GroupConfig[] = [];
  reloadOutcome: ReloadResult | Error = { added: [], changed: [], removed: [] };
  calls: string[] = [];
  events: [string, string][] = [];
  clearMainLogThrows = false;

  constructor(groups: GroupConfig[] = []) {
    this.available = [...groups];
    this.running = groups.map((g) => new FakeGroup(g));
  }

  groups(): readonly GroupView[] {
    return this.running;
  }
  getGroup(name: string): FakeGroup | undefined {
    return this.running.find((g) => g.name === name);
  }
  group(name: string): FakeGroup {
    const found = this.getGroup(name);
    if (!found) throw new Error(`no group ${name}`);
    return found;
  }
  availableGroupConfigs(): readonly GroupConfig[] {
    return this.available;
  }
  clearMainLog(): void {
    if (this.clearMainLogThrows) throw new Error('EACCES');
    this.calls.push('clearMainLog');
  }
  shutdown(): void {
    this.calls.push('shutdown');
    this.state = 'SHUTDOWN';
  }
  restart(): void {
    this.calls.push('restart');
    this.state = 'RESTARTING';
  }
  reloadConfig(): ReloadResult {
    if (this.reloadOutcome instanceof Error) throw this.reloadOutcome;
    return this.reloadOutcome;
  }
  addProcessGroup(name: string): 'OK' | 'BAD_NAME' | 'ALREADY_ADDED' {
    const config = this.available.find((g) => g.name === name);
    if (!config) return 'BAD_NAME';
    if (this.getGroup(name)) return 'ALREADY_ADDED';
    this.running.push(new FakeGroup(config));
    return 'OK';
  }
  removeProcessGroup(name: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING' {
    const group = this.getGroup(name);
    if (!group) return 'BAD_NAME';
    if (group.processes.some((p) => !['STOPPED', 'EXITED', 'FATAL', 'UNKNOWN'].includes(p.state))) return 'STILL_RUNNING';
    this.running = this.running.filter((g) => g !== group);
    return 'OK';
  }
  sendRemoteCommEvent(type: string, data: string): void {
    this.events.push([type, data]);
  }
}

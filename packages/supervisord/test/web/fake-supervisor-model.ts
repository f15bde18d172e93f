/**
 * A small in-memory SupervisorModel for the web UI's tests: processes move through the real
 * state names when started or stopped (after a short, configurable delay), and each one can have
 * a stdout log file in a temp directory.
 */
import { promises as fs, truncateSync } from 'node:fs';
import type { ProcessStateName, SupervisorStateName } from '@supervisor-ts/protocol';
import type { GroupConfig, ProcessConfig } from '../../src/config/types';
import type {
  CommandProblem,
  GroupView,
  ProcessView,
  ReloadResult,
  StateListener,
  SupervisorModel,
} from '../../src/supervision/model';

export interface FakeProcessSpec {
  group?: string;
  name: string;
  state?: ProcessStateName;
  pid?: number;
  startTime?: number;
  stopTime?: number;
  spawnerr?: string;
  priority?: number;
  stdoutLogPath?: string | null;
  /** What checkCommand reports. */
  commandProblem?: CommandProblem | null;
  /** When set, start() ends in BACKOFF with this spawn error instead of RUNNING. */
  failsToStartWith?: string;
}

export interface FakeTiming {
  /** Milliseconds from STARTING to RUNNING and from STOPPING to STOPPED. */
  transitionMs: number;
}

let nextPid = 4100;

export class FakeProcess implements ProcessView {
  readonly group: string;
  readonly name: string;
  readonly config: ProcessConfig;
  state: ProcessStateName;
  pid: number;
  startTime: number;
  stopTime: number;
  spawnerr: string;
  exitstatus = 0;
  stdoutLogPath: string | null;
  stderrLogPath: string | null = null;
  commandProblem: CommandProblem | null;
  failsToStartWith: string | undefined;
  readonly calls: string[] = [];
  private readonly listeners = new Set<StateListener>();

  constructor(
    spec: FakeProcessSpec,
    private readonly timing: FakeTiming,
  ) {
    this.group = spec.group ?? spec.name;
    this.name = spec.name;
    this.config = { name: spec.name, priority: spec.priority ?? 999 } as ProcessConfig;
    this.state = spec.state ?? 'STOPPED';
    this.pid = spec.pid ?? (this.state === 'RUNNING' ? nextPid++ : 0);
    this.startTime = spec.startTime ?? (this.state === 'RUNNING' ? Date.now() / 1000 : 0);
    this.stopTime = spec.stopTime ?? 0;
    this.spawnerr = spec.spawnerr ?? '';
    this.stdoutLogPath = spec.stdoutLogPath ?? null;
    this.commandProblem = spec.commandProblem ?? null;
    this.failsToStartWith = spec.failsToStartWith;
  }

  setState(to: ProcessStateName): void {
    const from = this.state;
    this.state = to;
    for (const listener of [...this.listeners]) listener(this, from, to);
  }

  checkCommand(): CommandProblem | null {
    return this.commandProblem;
  }

  settle(): void {}

  start(): string | null {
    this.calls.push('start');
    this.pid = nextPid++;
    this.startTime = Date.now() / 1000;
    this.spawnerr = '';
    this.setState('STARTING');
    setTimeout(() => {
      if (this.state !== 'STARTING') return;
      if (this.failsToStartWith !== undefined) {
        this.spawnerr = this.failsToStartWith;
        this.pid = 0;
        this.setState('BACKOFF');
      } else {
        this.setState('RUNNING');
      }
    }, this.timing.transitionMs);
    return null;
  }

  stop(): string | null {
    this.calls.push('stop');
    if (this.state === 'BACKOFF') {
      this.setState('STOPPED');
      return null;
    }
    this.setState('STOPPING');
    setTimeout(() => {
      this.pid = 0;
      this.stopTime = Date.now() / 1000;
      this.exitstatus = -1;
      this.setState('STOPPED');
    }, this.timing.transitionMs);
    return null;
  }

  signal(): string | null {
    return null;
  }

  writeStdin(): void {}

  clearLogs(): void {
    this.calls.push('clearLogs');
    if (this.stdoutLogPath !== null) truncateSync(this.stdoutLogPath, 0);
  }

  onStateChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  async appendOutput(text: string): Promise<void> {
    if (this.stdoutLogPath === null) throw new Error(`${this.name} has no log`);
    await fs.appendFile(this.stdoutLogPath, text);
  }
}

export class FakeSupervisorModel implements SupervisorModel {
  readonly identifier: string = 'supervisor';
  state: SupervisorStateName = 'RUNNING';
  readonly pid = process.pid;
  readonly mainLogPath = null;
  private readonly groupViews: GroupView[] = [];
  readonly timing: FakeTiming;

  constructor(specs: FakeProcessSpec[], timing: FakeTiming = { transitionMs: 20 }) {
    this.timing = timing;
    for (const spec of specs) this.add(spec);
  }

  add(spec: FakeProcessSpec): FakeProcess {
    const process = new FakeProcess(spec, this.timing);
    let group = this.groupViews.find((g) => g.name === process.group) as
      | (GroupView & { processes: ProcessView[] })
      | undefined;
    if (!group) {
      group = { name: process.group, priority: 999, config: {} as GroupConfig, processes: [] };
      this.groupViews.push(group);
    }
    group.processes.push(process);
    return process;
  }

  removeGroup(name: string): void {
    const index = this.groupViews.findIndex((g) => g.name === name);
    if (index !== -1) this.groupViews.splice(index, 1);
  }

  process(namespec: string): FakeProcess {
    const [group, name] = namespec.includes(':') ? namespec.split(':') : [namespec, namespec];
    const found = this.getGroup(group!)?.processes.find((p) => p.name === name);
    if (!found) throw new Error(`no fake process ${namespec}`);
    return found as FakeProcess;
  }

  groups(): readonly GroupView[] {
    return this.groupViews;
  }

  getGroup(name: string): GroupView | undefined {
    return this.groupViews.find((g) => g.name === name);
  }

  availableGroupConfigs(): readonly GroupConfig[] {
    return [];
  }

  clearMainLog(): void {}
  shutdown(): void {
    this.state = 'SHUTDOWN';
  }
  restart(): void {}
  reloadConfig(): ReloadResult {
    return { added: [], changed: [], removed: [] };
  }
  addProcessGroup(): 'OK' | 'BAD_NAME' | 'ALREADY_ADDED' {
    return 'BAD_NAME';
  }
  removeProcessGroup(): 'OK' | 'BAD_NAME' | 'STILL_RUNNING' {
    return 'BAD_NAME';
  }
  sendRemoteCommEvent(): void {}
}

/** A running group: its config, its processes and, for FastCGI, its listening socket. */
import type { ProcessConfig, GroupConfig } from '../config/types';
import { Subprocess, type SubprocessDeps } from '../process/subprocess';
import { FcgiSocket } from './fcgi-socket';
import type { GroupView } from './model';

export class ProcessGroup implements GroupView {
  private members: Subprocess[];
  private currentConfig: GroupConfig;
  readonly socket: FcgiSocket | null;

  constructor(
    config: GroupConfig,
    private readonly makeDeps: (process: ProcessConfig, socket: FcgiSocket | null) => SubprocessDeps,
  ) {
    this.currentConfig = config;
    this.socket = config.type === 'fcgi' ? new FcgiSocket(config.socket) : null;
    this.members = config.processes.map((process) => new Subprocess(process, config.name, makeDeps(process, this.socket)));
  }

  get config(): GroupConfig {
    return this.currentConfig;
  }

  get processes(): readonly Subprocess[] {
    return this.members;
  }

  /** Adds a process at run time (twiddler); its config joins the group's config. */
  addProcess(config: ProcessConfig): Subprocess {
    const process = new Subprocess(config, this.name, this.makeDeps(config, this.socket));
    this.members = [...this.members, process];
    this.currentConfig = {
      ...this.currentConfig,
      processes: [...this.currentConfig.processes, config],
      process_names: [...this.currentConfig.process_names, config.name],
    };
    return process;
  }

  /** Removes a stopped process and releases its logs. */
  removeProcess(process: Subprocess): void {
    process.close();
    this.members = this.members.filter((member) => member !== process);
    this.currentConfig = {
      ...this.currentConfig,
      processes: this.currentConfig.processes.filter((config) => config !== process.config),
      process_names: this.currentConfig.process_names.filter((name) => name !== process.name),
    };
  }

  get name(): string {
    return this.config.name;
  }

  get priority(): number {
    return this.config.priority;
  }

  /** Opens what the group needs before its processes can start (the FastCGI socket). */
  async open(): Promise<void> {
    await this.socket?.open();
  }

  /** Processes in the order a shutdown stops them: priority descending, ties in reverse start order. */
  stopOrder(): Subprocess[] {
    return this.processes
      .map((process, index) => ({ process, index }))
      .sort((a, b) => b.process.config.priority - a.process.config.priority || b.index - a.index)
      .map(({ process }) => process);
  }

  allStopped(): boolean {
    return this.processes.every((process) => ['STOPPED', 'EXITED', 'FATAL', 'UNKNOWN'].includes(process.state));
  }

  close(): void {
    for (const process of this.processes) process.close();
    this.socket?.close();
  }
}

/**
 * One supervised process: holds its snapshot, feeds inputs to the pure machine and applies the
 * resulting effects through the OS port, the clock, the logger and the event bus.
 */
import * as fs from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { ProcessStateName } from '@supervisor-ts/protocol';
import type { LogLevelName, ProcessConfig } from '../config/types';
import type { EventBus } from '../events/bus';
import { processStateEvent } from '../events/process-state-event';
import { listenerProcessFromChild } from '../listeners/child-listener';
import type { ListenerAttachment, ListenerProcess } from '../listeners/pool';
import { flushPendingLogWrites } from '../logging/pending-log-writes';
import type { ChildExit, ChildHandle, Clock, OsPort, OutputPipe, TimerHandle } from '../os/ports';
import type { CommandProblem, ProcessView, StateListener } from '../supervision/model';
import { buildChildEnvironment } from './child-environment';
import { resolveCommand } from './command';
import {
  initialSnapshot,
  transition,
  type MachineConfig,
  type MachineEffect,
  type MachineInput,
  type ProcessSnapshot,
} from './machine';

/** Where one child stream goes (implemented by the logging layer's OutputChannel). */
export interface OutputSink {
  readonly logPath: string | null;
  /** One chunk of output; it is lent (reused once this returns), so copy what you keep. */
  write(chunk: Buffer): void;
  reopen(): void;
  clear(): void;
  close(): void;
}

/** The main-log methods the process model uses. */
export interface ProcessLogger {
  log(level: LogLevelName, message: string): void;
}

export interface SubprocessDeps {
  os: OsPort;
  clock: Clock;
  logger: ProcessLogger;
  bus: EventBus;
  /** Whether supervisord is RUNNING (automatic spawns allowed). */
  supervisorRunning: () => boolean;
  /** supervisord's environment at startup. */
  inheritedEnv: NodeJS.ProcessEnv;
  supervisordEnvironment: Record<string, string>;
  serverUrl: string | null;
  /** The uid supervisord runs as (for `user=` checks). */
  currentUid: number;
  /** FastCGI: the listening socket's fd handed to the child as stdin. */
  stdinFd?: () => number | null;
  /** Creates the sink of one output channel. */
  createOutput: (channel: 'stdout' | 'stderr', pid: () => number) => OutputSink | null;
  /**
   * Event listeners only: joins a freshly spawned child to its pool. Its stdout is then fed to
   * the returned attachment (and to the stdout sink, which only logs it).
   */
  attachListener?: (process: ListenerProcess) => ListenerAttachment;
}

function signalName(signal: number): string | null {
  for (const [name, number] of Object.entries(osConstants.signals)) {
    if (number === signal) return name;
  }
  return null;
}

export class Subprocess implements ProcessView {
  private snapshot: ProcessSnapshot = initialSnapshot();
  private child: ChildHandle | null = null;
  /** The pool's side of the current child when this process is an event listener. */
  private listenerAttachment: ListenerAttachment | null = null;
  private timer: TimerHandle | null = null;
  private readonly listeners = new Set<StateListener>();
  private readonly inputs: Array<{ input: MachineInput; now?: number }> = [];
  private dispatching = false;
  private stdoutSink: OutputSink | null = null;
  private stderrSink: OutputSink | null = null;
  /** Why the log files could not be opened (retried at each spawn), or null. */
  private outputError: NodeJS.ErrnoException | null = null;
  private closed = false;
  /** Pipes of past children that orphaned grandchildren may still hold open. */
  private readonly openPipes = new Set<OutputPipe>();

  constructor(
    readonly config: ProcessConfig,
    readonly group: string,
    private readonly deps: SubprocessDeps,
  ) {
    this.openOutputs();
  }

  private openOutputs(): void {
    try {
      this.stdoutSink ??= this.deps.createOutput('stdout', () => this.pid);
      if (!this.config.redirect_stderr) this.stderrSink ??= this.deps.createOutput('stderr', () => this.pid);
      this.outputError = null;
    } catch (error) {
      this.outputError = error as NodeJS.ErrnoException;
    }
  }

  /** Spawn-error text for a failure to open the log files, as upstream words it. */
  private outputErrorText(error: NodeJS.ErrnoException): string {
    if (error.code === 'EMFILE' || error.code === 'ENFILE') return `too many open files to spawn '${this.name}'`;
    return `unknown error making dispatchers for '${this.name}': ${error.code ?? error.message}`;
  }

  get name(): string {
    return this.config.name;
  }
  get state(): ProcessStateName {
    return this.snapshot.state;
  }
  get pid(): number {
    return this.snapshot.pid;
  }
  get startTime(): number {
    return this.snapshot.laststart;
  }
  get stopTime(): number {
    return this.snapshot.laststop;
  }
  get spawnerr(): string {
    return this.snapshot.spawnerr;
  }
  get exitstatus(): number {
    return this.snapshot.exitstatus;
  }
  get backoff(): number {
    return this.snapshot.backoff;
  }
  get stdoutLogPath(): string | null {
    return this.stdoutSink?.logPath ?? null;
  }
  get stderrLogPath(): string | null {
    return this.stderrSink?.logPath ?? null;
  }

  private machineConfig(): MachineConfig {
    const c = this.config;
    return {
      name: c.name,
      startsecs: c.startsecs,
      startretries: c.startretries,
      exitcodes: c.exitcodes,
      autorestart: c.autorestart,
      stopsignal: c.stopsignal,
      stopwaitsecs: c.stopwaitsecs,
      stopasgroup: c.stopasgroup,
      killasgroup: c.killasgroup,
    };
  }

  /** Feeds one input; inputs raised while applying effects are queued and run in order. */
  dispatch(input: MachineInput, now?: number): void {
    this.inputs.push({ input, now });
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      while (this.inputs.length > 0) {
        const next = this.inputs.shift()!;
        this.step(next.input, next.now ?? this.deps.clock.now());
      }
    } finally {
      this.dispatching = false;
    }
  }

  private step(input: MachineInput, now: number): void {
    const result = transition(this.snapshot, input, {
      now,
      supervisorRunning: this.deps.supervisorRunning(),
      config: this.machineConfig(),
    });
    this.snapshot = result.next;
    for (const effect of result.effects) this.apply(effect);
  }

  private apply(effect: MachineEffect): void {
    switch (effect.kind) {
      case 'state':
        this.emitState(effect.from, effect.to, effect.tries, effect.pid, effect.expected ?? false);
        return;
      case 'log':
        this.deps.logger.log(effect.level, effect.message);
        return;
      case 'arm-timer':
        this.cancelTimer();
        this.timer = this.deps.clock.setTimer(effect.seconds, () => {
          this.timer = null;
          this.dispatch({ kind: 'timer' });
        });
        return;
      case 'cancel-timer':
        this.cancelTimer();
        return;
      case 'signal':
        this.sendSignal(effect.signal, effect.group);
        return;
      case 'spawn':
        this.spawnChild();
        return;
    }
  }

  private emitState(from: ProcessStateName, to: ProcessStateName, tries: number, pid: number, expected: boolean): void {
    try {
      this.deps.bus.publish(
        processStateEvent({
          processName: this.name,
          groupName: this.group,
          from,
          to,
          tries,
          pid,
          expected,
        }),
      );
    } finally {
      if (to === 'RUNNING') this.listenerAttachment?.onRunning();
      for (const listener of [...this.listeners]) {
        try {
          listener(this, from, to);
        } catch (error) {
          this.deps.logger.log('CRIT', `state listener of ${this.name} failed: ${(error as Error).message}`);
        }
      }
    }
  }

  private cancelTimer(): void {
    if (this.timer) {
      this.deps.clock.cancel(this.timer);
      this.timer = null;
    }
  }

  private sendSignal(signal: string, group: boolean): void {
    const pid = this.snapshot.pid;
    if (pid === 0) return;
    try {
      this.deps.os.kill(pid, signal, group);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ESRCH') return;
      this.dispatch({ kind: 'kill-failed', message: code ?? (error as Error).message });
    }
  }

  /** Writes the message a failed child would print, then reports an exit 127 as upstream's child does. */
  private failInChild(reason: string): void {
    const sink = this.config.redirect_stderr ? this.stdoutSink : this.stderrSink;
    sink?.write(Buffer.from(`supervisor: ${reason}\nsupervisor: child process was not spawned\n`));
    const failedAt = this.deps.clock.now();
    this.deps.clock.setTimer(0, () => {
      const state = this.snapshot.state;
      if (this.snapshot.pid === 0 && (state === 'STARTING' || state === 'STOPPING')) {
        this.dispatch({ kind: 'exited', exit: { code: 127, signal: null } }, failedAt);
      }
    });
  }

  private spawnChild(): void {
    const config = this.config;
    const resolution = resolveCommand(config, this.deps.inheritedEnv.PATH);
    if (!resolution.ok) {
      this.dispatch({ kind: 'spawn-failed', message: resolution.problem.message });
      return;
    }
    if (this.outputError) this.openOutputs();
    if (this.outputError) {
      this.dispatch({ kind: 'spawn-failed', message: this.outputErrorText(this.outputError) });
      return;
    }
    let user: { name: string; uid: number; gid: number } | null = null;
    if (config.uid !== null && config.uid !== this.deps.currentUid) {
      if (this.deps.currentUid !== 0) {
        this.failInChild(`couldn't setuid to ${config.uid}: Can't drop privilege as nonroot user`);
        return;
      }
      user = { name: config.user ?? String(config.uid), uid: config.uid, gid: config.gid ?? config.uid };
    }
    if (config.directory !== null) {
      const stat = fs.statSync(config.directory, { throwIfNoEntry: false });
      if (!stat || !stat.isDirectory()) {
        this.failInChild(`couldn't chdir to ${config.directory}: ${stat ? 'ENOTDIR' : 'ENOENT'}`);
        return;
      }
    }
    const { command } = resolution;
    const env = buildChildEnvironment({
      inherited: this.deps.inheritedEnv,
      processName: config.name,
      groupName: this.group,
      serverUrl: this.deps.serverUrl,
      supervisordEnvironment: this.deps.supervisordEnvironment,
      programEnvironment: config.environment,
    });
    const outcome = this.deps.os.spawn({
      file: command.file,
      argv0: command.argv0,
      args: command.args,
      env,
      cwd: config.directory,
      umask: config.umask,
      user,
      stdinFd: this.deps.stdinFd?.() ?? null,
      mergeStderr: config.redirect_stderr,
    });
    if (!outcome.ok && (outcome.code === 'EMFILE' || outcome.code === 'ENFILE')) {
      this.dispatch({ kind: 'spawn-failed', message: `too many open files to spawn '${this.name}'` });
      return;
    }
    if (!outcome.ok && outcome.code === 'EAGAIN') {
      this.dispatch({ kind: 'spawn-failed', message: `Too many processes in process table to spawn '${this.name}'` });
      return;
    }
    if (!outcome.ok) {
      this.failInChild(user !== null ? `couldn't setuid to ${user.uid}: ${outcome.message}` : `couldn't exec ${command.argv0}: ${outcome.code}`);
      return;
    }
    const child = outcome.child;
    this.child = child;
    const attachment = this.attachListener(child);
    child.stdout.onData((chunk) => {
      this.output(this.stdoutSink, chunk);
      if (attachment !== null && !this.closed) attachment.onStdout(chunk);
    });
    child.stderr?.onData((chunk) => this.output(config.redirect_stderr ? this.stdoutSink : this.stderrSink, chunk));
    for (const pipe of child.stderr ? [child.stdout, child.stderr] : [child.stdout]) {
      this.openPipes.add(pipe);
      pipe.onClose(() => this.openPipes.delete(pipe));
    }
    child.onExit((exit) => this.childExited(child, exit));
    this.dispatch({ kind: 'spawned', pid: child.pid });
  }

  /** Event listeners: a new protocol session for every spawn, READY once the child says so. */
  private attachListener(child: ChildHandle): ListenerAttachment | null {
    const attach = this.deps.attachListener;
    if (attach === undefined) return null;
    const isRunning = (): boolean => this.child === child && this.snapshot.state === 'RUNNING';
    this.listenerAttachment = attach(listenerProcessFromChild(this.name, child, isRunning));
    return this.listenerAttachment;
  }

  private output(sink: OutputSink | null, chunk: Buffer): void {
    if (sink === null || this.closed) return;
    try {
      sink.write(chunk);
    } catch (error) {
      this.deps.logger.log('ERRO', `could not log output of ${this.name}: ${(error as Error).message}`);
    }
  }

  private childExited(child: ChildHandle, exit: ChildExit): void {
    if (this.child !== child) return;
    this.child = null;
    // Whoever reacts to the exit (a state change, an event) finds all of its output on disk.
    flushPendingLogWrites();
    const attachment = this.listenerAttachment;
    this.listenerAttachment = null;
    this.dispatch({ kind: 'exited', exit });
    // As 4.2.5: the exit state change first, then the event the listener held is buffered again.
    attachment?.onExit();
  }

  // ---- ProcessView ----

  checkCommand(): CommandProblem | null {
    const resolution = resolveCommand(this.config, this.deps.inheritedEnv.PATH);
    return resolution.ok ? null : resolution.problem;
  }

  start(): string | null {
    this.dispatch({ kind: 'start' });
    if (this.snapshot.pid === 0 && (this.state === 'BACKOFF' || this.state === 'FATAL')) return this.snapshot.spawnerr;
    return null;
  }

  settle(): void {
    if (this.state === 'STARTING' && this.snapshot.pid !== 0 && this.config.startsecs === 0) {
      this.cancelTimer();
      this.dispatch({ kind: 'timer' });
    }
  }

  stop(): string | null {
    this.dispatch({ kind: 'stop' });
    return this.state === 'UNKNOWN' ? `unknown problem killing ${this.name}` : null;
  }

  /** The shutdown sweep: stop if running, BACKOFF becomes FATAL. */
  shutdownStop(): void {
    this.dispatch({ kind: 'shutdown' });
  }

  signal(signal: number): string | null {
    const name = signalName(signal);
    if (name === null) return `unknown signal ${signal}`;
    const pid = this.snapshot.pid;
    if (pid === 0) return `process ${this.name} is not running`;
    try {
      this.deps.os.kill(pid, name, false);
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      if (code === 'ESRCH') return null;
      this.dispatch({ kind: 'kill-failed', message: code });
      return `unknown problem sending sig ${this.name} (${pid}):${code}`;
    }
  }

  writeStdin(data: Buffer): void {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed || !stdin.writable) {
      const error = new Error('stdin is closed') as NodeJS.ErrnoException;
      error.code = 'EPIPE';
      throw error;
    }
    stdin.write(data);
  }

  clearLogs(): void {
    if (this.child === null) return;
    this.stdoutSink?.clear();
    this.stderrSink?.clear();
  }

  reopenLogs(): void {
    this.stdoutSink?.reopen();
    this.stderrSink?.reopen();
  }

  onStateChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Releases the log files; the process must be stopped. */
  close(): void {
    this.closed = true;
    this.cancelTimer();
    for (const pipe of this.openPipes) pipe.destroy();
    this.openPipes.clear();
    this.stdoutSink?.close();
    this.stderrSink?.close();
  }
}

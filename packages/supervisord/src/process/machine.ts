/**
 * The process state machine of supervisord 4.2.5 as a pure function:
 * `(snapshot, input, context) -> { next, effects }`. It performs no I/O; `subprocess.ts` applies
 * the effects (spawn, signal, timers, logs) and feeds the results back as new inputs.
 *
 * A process has a single pending timer whose meaning depends on the state:
 * STARTING: startsecs elapsed; BACKOFF: retry delay elapsed; STOPPING: stopwaitsecs elapsed
 * (SIGKILL); EXITED: a throttled autorestart is due.
 */
import type { ProcessStateName } from '@supervisor-ts/protocol';
import type { AutoRestart, LogLevelName } from '../config/types';
import type { ChildExit } from '../os/ports';
import { describeExit, exitCodeOf } from './exit-status';

export interface MachineConfig {
  name: string;
  startsecs: number;
  startretries: number;
  exitcodes: number[];
  autorestart: AutoRestart;
  stopsignal: string;
  stopwaitsecs: number;
  stopasgroup: boolean;
  killasgroup: boolean;
}

export interface ProcessSnapshot {
  state: ProcessStateName;
  pid: number;
  /** Epoch seconds of the last spawn attempt, 0 if never. */
  laststart: number;
  /** Epoch seconds of the last exit or stop, 0 if never. */
  laststop: number;
  /** Consecutive failed starts. */
  backoff: number;
  /** A stop is in progress. */
  killing: boolean;
  exitstatus: number;
  spawnerr: string;
  /** Whether the last exit from RUNNING had an expected code (drives autorestart=unexpected). */
  expected: boolean;
}

export type MachineInput =
  /** A start request (autostart, RPC start). */
  | { kind: 'start' }
  /** The spawn effect produced a child. */
  | { kind: 'spawned'; pid: number }
  /** The spawn effect failed before a child existed. */
  | { kind: 'spawn-failed'; message: string }
  /** The child exited (measured at exit time). */
  | { kind: 'exited'; exit: ChildExit }
  /** The pending timer fired. */
  | { kind: 'timer' }
  /** A stop request (RPC stop). */
  | { kind: 'stop' }
  /** The shutdown/restart sweep reached this process. */
  | { kind: 'shutdown' }
  /** Delivering a signal failed with something other than ESRCH. */
  | { kind: 'kill-failed'; message: string };

export interface MachineContext {
  /** Epoch seconds. */
  now: number;
  /** supervisord is RUNNING (not shutting down or restarting): automatic spawns allowed. */
  supervisorRunning: boolean;
  config: MachineConfig;
}

export type MachineEffect =
  /** A state change, with the try count and pid (the exited one for EXITED/STOPPED) at that moment. */
  | { kind: 'state'; from: ProcessStateName; to: ProcessStateName; tries: number; pid: number; expected?: boolean }
  | { kind: 'spawn' }
  | { kind: 'signal'; signal: string; group: boolean }
  | { kind: 'arm-timer'; seconds: number }
  | { kind: 'cancel-timer' }
  | { kind: 'log'; level: LogLevelName; message: string };

export interface MachineResult {
  next: ProcessSnapshot;
  effects: MachineEffect[];
}

export const EXITED_TOO_QUICKLY = 'Exited too quickly (process log may have details)';

/** Minimum time between two automatic restarts of a process that keeps exiting. */
export const MIN_RESTART_INTERVAL = 1;

export function initialSnapshot(): ProcessSnapshot {
  return {
    state: 'STOPPED',
    pid: 0,
    laststart: 0,
    laststop: 0,
    backoff: 0,
    killing: false,
    exitstatus: 0,
    spawnerr: '',
    expected: false,
  };
}

class Transition {
  readonly effects: MachineEffect[] = [];
  readonly next: ProcessSnapshot;

  constructor(
    private readonly current: ProcessSnapshot,
    readonly ctx: MachineContext,
  ) {
    this.next = { ...current };
  }

  get name(): string {
    return this.ctx.config.name;
  }

  to(state: ProcessStateName, expected?: boolean): void {
    const from = this.next.state;
    if (from === state) return;
    this.next.state = state;
    const pid = this.next.pid !== 0 ? this.next.pid : this.current.pid;
    const change = { kind: 'state', from, to: state, tries: this.next.backoff, pid } as const;
    this.effects.push(expected === undefined ? change : { ...change, expected });
  }

  log(level: LogLevelName, message: string): void {
    this.effects.push({ kind: 'log', level, message });
  }

  effect(effect: MachineEffect): void {
    this.effects.push(effect);
  }

  result(): MachineResult {
    return { next: this.next, effects: this.effects };
  }

  /** Begins a spawn: STARTING, then the spawn effect (answered by `spawned` or `spawn-failed`). */
  spawn(): void {
    if (this.next.pid !== 0) {
      this.log('WARN', `process '${this.name}' already running`);
      return;
    }
    this.next.killing = false;
    this.next.spawnerr = '';
    this.next.exitstatus = 0;
    this.next.laststart = this.ctx.now;
    this.effect({ kind: 'cancel-timer' });
    this.to('STARTING');
    this.effect({ kind: 'spawn' });
  }

  /** A failed start: BACKOFF with a linear delay, or FATAL once the retries are used up. */
  backoff(): void {
    this.next.backoff += 1;
    this.to('BACKOFF');
    if (this.next.backoff > this.ctx.config.startretries) {
      this.giveUp();
    } else {
      this.effect({ kind: 'arm-timer', seconds: this.next.backoff });
    }
  }

  giveUp(): void {
    this.next.backoff = 0;
    this.effect({ kind: 'cancel-timer' });
    this.log('INFO', `gave up: ${this.name} entered FATAL state, too many start retries too quickly`);
    this.to('FATAL');
  }

  stop(): void {
    const config = this.ctx.config;
    this.next.killing = true;
    const asGroup = config.stopasgroup ? 'process group ' : '';
    this.log('DEBG', `killing ${this.name} (pid ${this.next.pid}) ${asGroup}with signal ${config.stopsignal}`);
    this.to('STOPPING');
    this.effect({ kind: 'arm-timer', seconds: config.stopwaitsecs });
    this.effect({ kind: 'signal', signal: config.stopsignal, group: config.stopasgroup });
  }

  stopFromBackoff(): void {
    this.log('DEBG', `Attempted to kill ${this.name}, which is in BACKOFF state.`);
    // As 4.2.5, the stop time is left alone: nothing ran, nothing exited.
    this.effect({ kind: 'cancel-timer' });
    this.to('STOPPED');
  }

  /** Whether an EXITED process should be started again without being asked. */
  shouldAutorestart(expected: boolean): boolean {
    if (!this.ctx.supervisorRunning) return false;
    const policy = this.ctx.config.autorestart;
    return policy === 'true' || (policy === 'unexpected' && !expected);
  }

  autorestart(): void {
    const sinceStart = this.ctx.now - this.next.laststart;
    if (sinceStart >= MIN_RESTART_INTERVAL) {
      this.spawn();
    } else {
      this.effect({ kind: 'arm-timer', seconds: MIN_RESTART_INTERVAL - sinceStart });
    }
  }

  exited(exit: ChildExit): void {
    const config = this.ctx.config;
    const code = exitCodeOf(exit);
    const expectedCode = exit.signal === null && config.exitcodes.includes(code);
    const how = describeExit(exit);
    const uptime = this.ctx.now - this.next.laststart;
    this.next.pid = 0;
    this.next.laststop = this.ctx.now;
    this.effect({ kind: 'cancel-timer' });

    if (this.next.killing) {
      this.next.killing = false;
      this.next.exitstatus = code;
      this.log(expectedCode ? 'INFO' : 'WARN', `stopped: ${this.name} (${how})`);
      this.to('STOPPED');
      return;
    }

    if (this.next.state === 'STARTING' && uptime < config.startsecs) {
      this.log('WARN', `exited: ${this.name} (${how}; not expected)`);
      this.next.spawnerr = EXITED_TOO_QUICKLY;
      this.backoff();
      return;
    }

    this.next.exitstatus = code;
    if (this.next.state === 'STARTING') {
      this.next.backoff = 0;
      this.to('RUNNING');
    }
    this.next.backoff = 0;
    this.next.expected = expectedCode;
    if (expectedCode) {
      this.log('INFO', `exited: ${this.name} (${how}; expected)`);
    } else {
      this.next.spawnerr = `Bad exit code ${code}`;
      this.log('WARN', `exited: ${this.name} (${how}; not expected)`);
    }
    this.to('EXITED', expectedCode);
    if (this.shouldAutorestart(expectedCode)) this.autorestart();
  }

  timer(): void {
    const config = this.ctx.config;
    switch (this.next.state) {
      case 'STARTING':
        if (this.next.pid === 0) return;
        this.next.backoff = 0;
        this.log(
          'INFO',
          `success: ${this.name} entered RUNNING state, process has stayed up for > than ${config.startsecs} seconds (startsecs)`,
        );
        this.to('RUNNING');
        return;
      case 'BACKOFF':
        if (this.next.backoff > config.startretries) {
          this.giveUp();
        } else if (this.ctx.supervisorRunning) {
          this.spawn();
        }
        return;
      case 'STOPPING':
        this.log('WARN', `killing '${this.name}' (${this.next.pid}) with SIGKILL`);
        this.effect({ kind: 'arm-timer', seconds: config.stopwaitsecs });
        this.effect({ kind: 'signal', signal: 'SIGKILL', group: config.killasgroup });
        return;
      case 'EXITED':
        if (this.shouldAutorestart(this.next.expected)) this.spawn();
        return;
      default:
        return;
    }
  }
}

/** Computes the next snapshot and the effects to apply for one input. */
export function transition(current: ProcessSnapshot, input: MachineInput, ctx: MachineContext): MachineResult {
  const t = new Transition(current, ctx);
  const state = current.state;
  switch (input.kind) {
    case 'start':
      if (state === 'STOPPED' || state === 'EXITED' || state === 'FATAL') t.spawn();
      break;
    case 'spawned':
      if (state === 'STARTING') {
        t.next.pid = input.pid;
        t.log('INFO', `spawned: '${ctx.config.name}' with pid ${input.pid}`);
        t.effect({ kind: 'arm-timer', seconds: ctx.config.startsecs });
      }
      break;
    case 'spawn-failed':
      if (state === 'STARTING') {
        t.next.pid = 0;
        t.next.spawnerr = input.message;
        t.log('INFO', `spawnerr: ${input.message}`);
        t.backoff();
      }
      break;
    case 'exited':
      // pid 0 while STARTING (or stopped meanwhile): the child failed before exec (chdir, setuid),
      // reported as upstream's exit 127.
      if (current.pid !== 0 || state === 'STARTING' || state === 'STOPPING') t.exited(input.exit);
      break;
    case 'timer':
      t.timer();
      break;
    case 'stop':
      if (state === 'RUNNING' || state === 'STARTING') t.stop();
      else if (state === 'BACKOFF') t.stopFromBackoff();
      break;
    case 'shutdown':
      if (state === 'RUNNING' || state === 'STARTING') t.stop();
      else if (state === 'BACKOFF') {
        t.next.backoff = 0;
        t.effect({ kind: 'cancel-timer' });
        t.to('FATAL');
      }
      break;
    case 'kill-failed':
      if (state === 'RUNNING' || state === 'STARTING' || state === 'STOPPING') {
        t.log('CRIT', `unknown problem killing ${ctx.config.name} (${current.pid}):${input.message}`);
        t.next.killing = false;
        t.effect({ kind: 'cancel-timer' });
        t.to('UNKNOWN');
      }
      break;
  }
  return t.result();
}

import type { ProcessStateName } from '@supervisor-ts/protocol';
import {
  EXITED_TOO_QUICKLY,
  initialSnapshot,
  transition,
  type MachineConfig,
  type MachineEffect,
  type MachineInput,
  type ProcessSnapshot,
} from '../../src/process/machine';

const baseConfig: MachineConfig = {
  name: 'p',
  startsecs: 1,
  startretries: 3,
  exitcodes: [0],
  autorestart: 'unexpected',
  stopsignal: 'SIGTERM',
  stopwaitsecs: 10,
  stopasgroup: false,
  killasgroup: false,
};

/** Drives the pure machine on a fake clock, answering spawn effects with pids. */
class Driver {
  snapshot: ProcessSnapshot = initialSnapshot();
  now = 1000;
  nextPid = 100;
  supervisorRunning = true;
  timer: number | null = null;
  spawnFails: string | null = null;
  readonly states: ProcessStateName[] = [];
  readonly logs: string[] = [];
  readonly signals: Array<{ signal: string; group: boolean }> = [];
  readonly expectedFlags: boolean[] = [];

  constructor(readonly config: MachineConfig = baseConfig) {}

  send(input: MachineInput): void {
    const { next, effects } = transition(this.snapshot, input, {
      now: this.now,
      supervisorRunning: this.supervisorRunning,
      config: this.config,
    });
    this.snapshot = next;
    for (const effect of effects) this.apply(effect);
  }

  private apply(effect: MachineEffect): void {
    switch (effect.kind) {
      case 'state':
        this.states.push(effect.to);
        if (effect.expected !== undefined) this.expectedFlags.push(effect.expected);
        break;
      case 'log':
        this.logs.push(`${effect.level} ${effect.message}`);
        break;
      case 'arm-timer':
        this.timer = this.now + effect.seconds;
        break;
      case 'cancel-timer':
        this.timer = null;
        break;
      case 'signal':
        this.signals.push({ signal: effect.signal, group: effect.group });
        break;
      case 'spawn':
        if (this.spawnFails !== null) this.send({ kind: 'spawn-failed', message: this.spawnFails });
        else this.send({ kind: 'spawned', pid: this.nextPid++ });
        break;
    }
  }

  /** Advances the fake clock, firing the pending timer when it is due. */
  advance(seconds: number): void {
    const target = this.now + seconds;
    while (this.timer !== null && this.timer <= target) {
      this.now = this.timer;
      this.timer = null;
      this.send({ kind: 'timer' });
    }
    this.now = target;
  }

  exit(code: number | null, signal: string | null = null): void {
    this.send({ kind: 'exited', exit: { code, signal } });
  }
}

describe('process state machine', () => {
  test('start spawns: STOPPED -> STARTING, then RUNNING after startsecs', () => {
    const d = new Driver();
    d.send({ kind: 'start' });
    expect(d.states).toEqual(['STARTING']);
    expect(d.snapshot.pid).toBe(100);
    expect(d.logs).toEqual(["INFO spawned: 'p' with pid 100"]);
    d.advance(0.5);
    expect(d.snapshot.state).toBe('STARTING');
    d.advance(0.6);
    expect(d.states).toEqual(['STARTING', 'RUNNING']);
    expect(d.logs[1]).toBe(
      'INFO success: p entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)',
    );
    expect(d.snapshot.backoff).toBe(0);
  });

  test('exits before startsecs go BACKOFF with 1,2,3 s delays, then FATAL (startretries=3)', () => {
    const d = new Driver();
    const spawnTimes: number[] = [];
    d.send({ kind: 'start' });
    spawnTimes.push(d.now);
    for (let attempt = 1; attempt <= 4; attempt++) {
      d.advance(0.1);
      d.exit(1);
      if (attempt < 4) {
        expect(d.snapshot.state).toBe('BACKOFF');
        expect(d.snapshot.backoff).toBe(attempt);
        expect(d.snapshot.spawnerr).toBe(EXITED_TOO_QUICKLY);
        const failedAt = d.now;
        d.advance(attempt - 0.01);
        expect(d.snapshot.state).toBe('BACKOFF');
        d.advance(0.01);
        expect(d.snapshot.state).toBe('STARTING');
        spawnTimes.push(d.now);
        expect(d.now - failedAt).toBeCloseTo(attempt);
      }
    }
    expect(d.states).toEqual([
      'STARTING', 'BACKOFF', 'STARTING', 'BACKOFF', 'STARTING', 'BACKOFF', 'STARTING', 'BACKOFF', 'FATAL',
    ]);
    expect(spawnTimes).toHaveLength(4);
    expect(d.logs.filter((l) => l.startsWith('WARN exited: p (exit status 1; not expected)'))).toHaveLength(4);
    expect(d.logs[d.logs.length - 1]).toBe('INFO gave up: p entered FATAL state, too many start retries too quickly');
    expect(d.snapshot.backoff).toBe(0);
    d.advance(100);
    expect(d.snapshot.state).toBe('FATAL');
  });

  test('an exit code listed in exitcodes still counts as failure before startsecs', () => {
    const d = new Driver({ ...baseConfig, startretries: 0 });
    d.send({ kind: 'start' });
    d.exit(0);
    expect(d.states).toEqual(['STARTING', 'BACKOFF', 'FATAL']);
  });

  test('spawn errors go BACKOFF with spawnerr and FATAL at once after the last retry', () => {
    const d = new Driver({ ...baseConfig, startretries: 1 });
    d.spawnFails = "can't find command '/nope'";
    d.send({ kind: 'start' });
    expect(d.snapshot.state).toBe('BACKOFF');
    expect(d.snapshot.spawnerr).toBe("can't find command '/nope'");
    expect(d.logs).toEqual(["INFO spawnerr: can't find command '/nope'"]);
    d.advance(1);
    expect(d.states).toEqual(['STARTING', 'BACKOFF', 'STARTING', 'BACKOFF', 'FATAL']);
  });

  test('a later start from FATAL resets nothing but spawns again', () => {
    const d = new Driver({ ...baseConfig, startretries: 0 });
    d.spawnFails = 'command is empty';
    d.send({ kind: 'start' });
    expect(d.snapshot.state).toBe('FATAL');
    d.spawnFails = null;
    d.send({ kind: 'start' });
    expect(d.snapshot.state).toBe('STARTING');
    expect(d.snapshot.spawnerr).toBe('');
  });

  test('RUNNING -> EXITED expected with autorestart=unexpected stays EXITED', () => {
    const d = new Driver();
    d.send({ kind: 'start' });
    d.advance(2);
    d.exit(0);
    expect(d.states).toEqual(['STARTING', 'RUNNING', 'EXITED']);
    expect(d.expectedFlags).toEqual([true]);
    expect(d.logs[d.logs.length - 1]).toBe('INFO exited: p (exit status 0; expected)');
    d.advance(10);
    expect(d.snapshot.state).toBe('EXITED');
    expect(d.snapshot.exitstatus).toBe(0);
  });

  test('unexpected exit with autorestart=unexpected restarts at once after a long run', () => {
    const d = new Driver();
    d.send({ kind: 'start' });
    d.advance(5);
    d.exit(3);
    expect(d.states).toEqual(['STARTING', 'RUNNING', 'EXITED', 'STARTING']);
    expect(d.expectedFlags).toEqual([false]);
    expect(d.logs).toContain('WARN exited: p (exit status 3; not expected)');
    expect(d.snapshot.pid).toBe(101);
  });

  test('killed by a signal is never expected', () => {
    const d = new Driver({ ...baseConfig, autorestart: 'false' });
    d.send({ kind: 'start' });
    d.advance(2);
    d.exit(null, 'SIGKILL');
    expect(d.snapshot.state).toBe('EXITED');
    expect(d.snapshot.exitstatus).toBe(-1);
    expect(d.logs[d.logs.length - 1]).toBe('WARN exited: p (terminated by SIGKILL; not expected)');
    expect(d.snapshot.spawnerr).toBe('Bad exit code -1');
  });

  test('autorestart=true restarts even an expected exit; autorestart=false never', () => {
    const always = new Driver({ ...baseConfig, autorestart: 'true' });
    always.send({ kind: 'start' });
    always.advance(2);
    always.exit(0);
    expect(always.snapshot.state).toBe('STARTING');
    const never = new Driver({ ...baseConfig, autorestart: 'false' });
    never.send({ kind: 'start' });
    never.advance(2);
    never.exit(1);
    expect(never.snapshot.state).toBe('EXITED');
    never.advance(10);
    expect(never.snapshot.state).toBe('EXITED');
  });

  test('startsecs=0: an exit while STARTING gives RUNNING then EXITED, restarts are throttled to 1/s', () => {
    const d = new Driver({ ...baseConfig, startsecs: 0, autorestart: 'true' });
    d.send({ kind: 'start' });
    d.advance(0.2);
    d.exit(0);
    expect(d.states).toEqual(['STARTING', 'RUNNING', 'EXITED']);
    d.advance(0.79);
    expect(d.snapshot.state).toBe('EXITED');
    expect(d.snapshot.pid).toBe(0);
    d.advance(0.01);
    expect(d.snapshot.pid).toBe(101);
    expect(d.states).toEqual(['STARTING', 'RUNNING', 'EXITED', 'STARTING', 'RUNNING']);
  });

  test('a throttled restart honours autorestart=unexpected', () => {
    const expected = new Driver({ ...baseConfig, startsecs: 0 });
    expected.send({ kind: 'start' });
    expected.advance(0.1);
    expected.exit(0);
    expected.advance(5);
    expected.send({ kind: 'timer' });
    expect(expected.snapshot.state).toBe('EXITED');
    const unexpected = new Driver({ ...baseConfig, startsecs: 0 });
    unexpected.send({ kind: 'start' });
    unexpected.advance(0.1);
    unexpected.exit(2);
    expect(unexpected.snapshot.state).toBe('EXITED');
    unexpected.advance(0.9);
    expect(unexpected.snapshot.pid).toBe(101);
  });

  test('no automatic restart while supervisord is shutting down', () => {
    const d = new Driver({ ...baseConfig, autorestart: 'true' });
    d.send({ kind: 'start' });
    d.advance(2);
    d.supervisorRunning = false;
    d.exit(1);
    d.advance(5);
    expect(d.snapshot.state).toBe('EXITED');
  });

  test('no BACKOFF retry while supervisord is shutting down', () => {
    const d = new Driver();
    d.send({ kind: 'start' });
    d.exit(1);
    d.supervisorRunning = false;
    d.advance(5);
    expect(d.snapshot.state).toBe('BACKOFF');
  });

  test('stop sends stopsignal, SIGKILL after stopwaitsecs (repeated), then STOPPED', () => {
    const d = new Driver({ ...baseConfig, stopwaitsecs: 2 });
    d.send({ kind: 'start' });
    d.advance(2);
    d.send({ kind: 'stop' });
    expect(d.snapshot.state).toBe('STOPPING');
    expect(d.signals).toEqual([{ signal: 'SIGTERM', group: false }]);
    expect(d.logs).toContain('DEBG killing p (pid 100) with signal SIGTERM');
    d.advance(1.9);
    expect(d.signals).toHaveLength(1);
    d.advance(0.1);
    expect(d.signals[1]).toEqual({ signal: 'SIGKILL', group: false });
    expect(d.logs).toContain("WARN killing 'p' (100) with SIGKILL");
    d.advance(2);
    expect(d.signals).toHaveLength(3);
    d.exit(null, 'SIGKILL');
    expect(d.states).toEqual(['STARTING', 'RUNNING', 'STOPPING', 'STOPPED']);
    expect(d.logs[d.logs.length - 1]).toBe('WARN stopped: p (terminated by SIGKILL)');
    d.advance(10);
    expect(d.signals).toHaveLength(3);
  });

  test('stopasgroup signals the group; killasgroup governs SIGKILL', () => {
    const d = new Driver({ ...baseConfig, stopwaitsecs: 1, stopasgroup: true, killasgroup: true });
    d.send({ kind: 'start' });
    d.send({ kind: 'stop' });
    expect(d.logs).toContain('DEBG killing p (pid 100) process group with signal SIGTERM');
    d.advance(1);
    expect(d.signals).toEqual([
      { signal: 'SIGTERM', group: true },
      { signal: 'SIGKILL', group: true },
    ]);
  });

  test('exit while STOPPING is stopped, INFO when the code is in exitcodes, never restarted', () => {
    const d = new Driver({ ...baseConfig, autorestart: 'true', exitcodes: [3] });
    d.send({ kind: 'start' });
    d.advance(2);
    d.send({ kind: 'stop' });
    d.exit(3);
    expect(d.snapshot.state).toBe('STOPPED');
    expect(d.logs[d.logs.length - 1]).toBe('INFO stopped: p (exit status 3)');
    expect(d.snapshot.exitstatus).toBe(3);
    expect(d.snapshot.laststop).toBe(d.now);
    d.advance(5);
    expect(d.snapshot.state).toBe('STOPPED');
  });

  test('stop during BACKOFF goes STOPPED without a signal and keeps the backoff count', () => {
    const d = new Driver();
    d.send({ kind: 'start' });
    d.exit(1);
    const exitedAt = d.snapshot.laststop;
    d.advance(0.5);
    d.send({ kind: 'stop' });
    expect(d.snapshot.state).toBe('STOPPED');
    expect(d.signals).toEqual([]);
    expect(d.snapshot.backoff).toBe(1);
    expect(d.logs).toContain('DEBG Attempted to kill p, which is in BACKOFF state.');
    expect(d.snapshot.laststop).toBe(exitedAt);
    expect(d.snapshot.spawnerr).toBe(EXITED_TOO_QUICKLY);
    d.advance(5);
    expect(d.snapshot.state).toBe('STOPPED');
  });

  test('shutdown turns BACKOFF into FATAL and stops running processes', () => {
    const d = new Driver();
    d.send({ kind: 'start' });
    d.exit(1);
    d.supervisorRunning = false;
    d.send({ kind: 'shutdown' });
    expect(d.snapshot.state).toBe('FATAL');
    expect(d.snapshot.backoff).toBe(0);
    const r = new Driver();
    r.send({ kind: 'start' });
    r.send({ kind: 'shutdown' });
    expect(r.snapshot.state).toBe('STOPPING');
  });

  test('a failed kill moves to UNKNOWN', () => {
    const d = new Driver();
    d.send({ kind: 'start' });
    d.send({ kind: 'kill-failed', message: 'EPERM' });
    expect(d.snapshot.state).toBe('UNKNOWN');
    expect(d.logs[d.logs.length - 1]).toMatch(/^CRIT unknown problem killing p \(100\)/);
  });

  test('start is ignored in running states; stop is ignored in stopped states', () => {
    const d = new Driver();
    d.send({ kind: 'stop' });
    expect(d.states).toEqual([]);
    d.send({ kind: 'start' });
    d.send({ kind: 'start' });
    expect(d.states).toEqual(['STARTING']);
    expect(d.snapshot.pid).toBe(100);
  });
});

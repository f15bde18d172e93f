import type { SupervisorEvent } from '../../src/events/bus';
import { TickEmitter, timeslice } from '../../src/events/ticks';
import type { Clock, TimerHandle } from '../../src/os/ports';

/** A clock whose time moves only when the test says so; due timers fire in order. */
class FakeClock implements Clock {
  private nextId = 1;
  private timers: Array<{ id: number; due: number; callback: () => void }> = [];
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
  setTimer(seconds: number, callback: () => void): TimerHandle {
    const timer = { id: this.nextId++, due: this.time + seconds, callback };
    this.timers.push(timer);
    return { id: timer.id };
  }
  cancel(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle.id);
  }
  /** Fires every pending timer now, before it is due (as a timer may on a skewed clock). */
  fireAllEarly(): void {
    const timers = this.timers;
    this.timers = [];
    for (const timer of timers) timer.callback();
  }
  get pending(): number[] {
    return this.timers.map((timer) => timer.due);
  }
  /** Moves time forward to `until`, firing each due timer at its due time. */
  advanceTo(until: number): void {
    for (;;) {
      const due = this.timers.filter((timer) => timer.due <= until).sort((a, b) => a.due - b.due)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.due);
      due.callback();
    }
    this.time = until;
  }
}

function collect(clock: FakeClock): { emitter: TickEmitter; seen: string[] } {
  const seen: string[] = [];
  const emitter = new TickEmitter(clock, (event: SupervisorEvent) => seen.push(`${event.type} ${event.fields[0]?.[1]}`));
  return { emitter, seen };
}

describe('TICK events', () => {
  it('computes upstream time slices', () => {
    expect(timeslice(5, 1795318503.9)).toBe(1795318500);
    expect(timeslice(60, 1795318500)).toBe(1795318500);
    expect(timeslice(3600, 1795318799)).toBe(1795316400);
  });

  it('records the boundary at start and emits at each later multiple, with one timer only', () => {
    const clock = new FakeClock(3598.5);
    const { emitter, seen } = collect(clock);
    emitter.start();
    expect(seen).toEqual([]);
    expect(clock.pending).toEqual([3600]);
    clock.advanceTo(3599.99);
    expect(seen).toEqual([]);
    clock.advanceTo(3600);
    expect(seen).toEqual(['TICK_5 3600', 'TICK_60 3600', 'TICK_3600 3600']);
    clock.advanceTo(3612);
    expect(seen.slice(3)).toEqual(['TICK_5 3605', 'TICK_5 3610']);
    clock.advanceTo(3660.2);
    expect(seen.slice(5)).toEqual([
      'TICK_5 3615', 'TICK_5 3620', 'TICK_5 3625', 'TICK_5 3630', 'TICK_5 3635', 'TICK_5 3640',
      'TICK_5 3645', 'TICK_5 3650', 'TICK_5 3655', 'TICK_5 3660', 'TICK_60 3660',
    ]);
    expect(clock.pending).toEqual([3665]);
  });

  it('emits one event with the newest boundary when several were skipped, and counts a clock stepping back', () => {
    const clock = new FakeClock(100);
    const { emitter, seen } = collect(clock);
    emitter.start();
    clock.time = 237; // the process was suspended; the timer fires late
    clock.advanceTo(237);
    expect(seen).toEqual(['TICK_5 235', 'TICK_60 180']);
    clock.time = 50; // the wall clock was stepped back
    emitter.check();
    expect(seen.slice(2)).toEqual(['TICK_5 50', 'TICK_60 0']);
  });

  it('a timer firing early re-arms for the boundary without emitting', () => {
    const clock = new FakeClock(12);
    const { emitter, seen } = collect(clock);
    emitter.start();
    clock.time = 14.999;
    clock.fireAllEarly();
    expect(seen).toEqual([]);
    expect(clock.pending).toEqual([15]);
    clock.advanceTo(15);
    expect(seen).toEqual(['TICK_5 15']);
  });

  it('stop cancels the timer', () => {
    const clock = new FakeClock(1);
    const { emitter, seen } = collect(clock);
    emitter.start();
    expect(emitter.running).toBe(true);
    emitter.stop();
    expect(emitter.running).toBe(false);
    expect(clock.pending).toEqual([]);
    clock.advanceTo(100);
    expect(seen).toEqual([]);
  });
});

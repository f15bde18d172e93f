/**
 * TICK_5 / TICK_60 / TICK_3600: one event each time the wall clock crosses a multiple of
 * the period, carrying that boundary as `when`.
 *
 * As in 4.2.5, starting only records the current boundaries (the first TICK_5 comes at the
 * first multiple of 5 after start), several boundaries crossed at once give one event with
 * the newest, and a clock stepping backwards also counts as a change. Instead of checking on
 * every loop pass, one timer is armed for the next multiple of 5 seconds (every period is a
 * multiple of 5, so that is always the next instant at which any tick can be due).
 */
import type { Clock, TimerHandle } from '../os/ports';
import { TICK_EVENT_TYPES, TICK_PERIODS, type TickEventType } from './event-types';
import type { SupervisorEvent } from './bus';
import { tickEvent } from './event-factories';

/** The start of the period-long slice of time containing `now` (epoch seconds, integer). */
export function timeslice(period: number, now: number): number {
  return Math.floor(now / period) * period;
}

const SHORTEST_PERIOD = Math.min(...TICK_EVENT_TYPES.map((type) => TICK_PERIODS[type]));

export class TickEmitter {
  private readonly lastSlice = new Map<TickEventType, number>();
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly emit: (event: SupervisorEvent) => void,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  /** Records the current boundaries and arms the timer. Calling it again is harmless. */
  start(): void {
    if (this.timer !== null) return;
    const now = this.clock.now();
    for (const type of TICK_EVENT_TYPES) this.lastSlice.set(type, timeslice(TICK_PERIODS[type], now));
    this.arm(now);
  }

  stop(): void {
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
    this.lastSlice.clear();
  }

  /**
   * Emits the ticks whose boundary changed since the last check, TICK_5 first. Called by the
   * timer; callable directly (e.g. after the system clock was stepped).
   */
  check(): void {
    const now = this.clock.now();
    for (const type of TICK_EVENT_TYPES) {
      const slice = timeslice(TICK_PERIODS[type], now);
      if (slice !== this.lastSlice.get(type)) {
        this.lastSlice.set(type, slice);
        this.emit(tickEvent(type, slice));
      }
    }
  }

  private arm(now: number): void {
    const next = timeslice(SHORTEST_PERIOD, now) + SHORTEST_PERIOD;
    this.timer = this.clock.setTimer(next - now, () => {
      this.timer = null;
      this.check();
      // stop() may have been called by a subscriber of the tick event.
      if (this.lastSlice.size > 0) this.arm(this.clock.now());
    });
  }
}

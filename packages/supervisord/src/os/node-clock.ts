/** Wall-clock time and one-shot timers on Node's event loop. */
import type { Clock, TimerHandle } from './ports';

export class NodeClock implements Clock {
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now() / 1000;
  }

  setTimer(seconds: number, callback: () => void): TimerHandle {
    const id = this.nextId++;
    const timeout = setTimeout(
      () => {
        this.timers.delete(id);
        callback();
      },
      Math.max(0, Math.ceil(seconds * 1000)),
    );
    this.timers.set(id, timeout);
    return { id };
  }

  cancel(handle: TimerHandle): void {
    const timeout = this.timers.get(handle.id);
    if (timeout) {
      clearTimeout(timeout);
      this.timers.delete(handle.id);
    }
  }
}

/**
 * Event serial numbers. The global counter numbers each event the first time it enters a
 * listener pool buffer (the same event carries the same serial in every pool); each pool has
 * its own counter as well. Both start at 0. One `EventSerials` lives as long as the daemon
 * process, across SIGHUP restarts; a pool counter lives as long as its pool.
 */

/** 4.2.5 wraps at 2**63-1; this is the largest integer a counter can reach exactly here. */
const LARGEST_SERIAL = Number.MAX_SAFE_INTEGER;

export class SerialCounter {
  private last = -1;

  next(): number {
    this.last = this.last >= LARGEST_SERIAL ? 0 : this.last + 1;
    return this.last;
  }
}

export class EventSerials {
  private readonly counter = new SerialCounter();
  private readonly assigned = new WeakMap<object, number>();

  /** The event's global serial, assigning the next one when it has none yet. */
  serialOf(event: object): number {
    let serial = this.assigned.get(event);
    if (serial === undefined) {
      serial = this.counter.next();
      this.assigned.set(event, serial);
    }
    return serial;
  }
}

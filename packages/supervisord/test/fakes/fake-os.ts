/** Unit-test doubles of the OS port and the clock: record spawns and kills, fire exits and timers. */
import { PassThrough } from 'node:stream';
import type {
  ChildExit,
  ChildHandle,
  Clock,
  OsPort,
  OutputPipe,
  SpawnOutcome,
  SpawnRequest,
  TimerHandle,
} from '../../src/os/ports';

export class FakeClock implements Clock {
  current = 1_700_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.current;
  }
  setTimer(seconds: number, callback: () => void): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + seconds, callback });
    return { id };
  }
  cancel(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }
  pendingTimers(): number {
    return this.timers.size;
  }
  /** Moves time forward, firing due timers in order. */
  advance(seconds: number): void {
    const target = this.current + seconds;
    for (;;) {
      let dueId: number | null = null;
      let dueAt = Infinity;
      for (const [id, timer] of this.timers) {
        if (timer.at <= target && timer.at < dueAt) {
          dueAt = timer.at;
          dueId = id;
        }
      }
      if (dueId === null) break;
      const timer = this.timers.get(dueId)!;
      this.timers.delete(dueId);
      this.current = Math.max(this.current, timer.at);
      timer.callback();
    }
    this.current = target;
  }
}

/** An output pipe the test writes into; chunks reach the listeners at once, lent like real reads. */
export class FakeOutputPipe implements OutputPipe {
  private readonly dataListeners: Array<(chunk: Buffer) => void> = [];
  private readonly closeListeners: Array<() => void> = [];
  private closed = false;

  /** The child writes `data`; the lent buffer is scribbled over afterwards, as the next read would. */
  write(data: string | Buffer): void {
    const lent = Buffer.from(data);
    for (const listener of this.dataListeners) listener(lent);
    lent.fill(0x23);
  }
  end(): void {
    this.destroy();
  }
  onData(listener: (chunk: Buffer) => void): void {
    this.dataListeners.push(listener);
  }
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener();
  }
}

export class FakeChild implements ChildHandle {
  readonly stdin = new PassThrough();
  readonly stdout = new FakeOutputPipe();
  readonly stderr = new FakeOutputPipe();
  private readonly listeners: Array<(exit: ChildExit) => void> = [];
  constructor(
    readonly pid: number,
    readonly request: SpawnRequest,
  ) {}
  onExit(listener: (exit: ChildExit) => void): void {
    this.listeners.push(listener);
  }
  exit(code: number | null, signal: string | null = null): void {
    for (const listener of this.listeners) listener({ code, signal });
  }
}

export class FakeOs implements OsPort {
  readonly children: FakeChild[] = [];
  readonly kills: Array<{ pid: number; signal: string; group: boolean }> = [];
  nextPid = 500;
  killError: string | null = null;

  spawn(request: SpawnRequest): SpawnOutcome {
    const child = new FakeChild(this.nextPid++, request);
    this.children.push(child);
    return { ok: true, child };
  }
  kill(pid: number, signal: string, group: boolean): void {
    if (this.killError) {
      const error = new Error(this.killError) as NodeJS.ErrnoException;
      error.code = this.killError;
      throw error;
    }
    this.kills.push({ pid, signal, group });
  }
  get last(): FakeChild {
    return this.children[this.children.length - 1];
  }
}

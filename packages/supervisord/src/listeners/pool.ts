/**
 * An event-listener pool (`[eventlistener:x]`), as supervisord 4.2.5 runs it.
 *
 * - Subscribes to the configured event types (a type or any ancestor category).
 * - Keeps a FIFO buffer of at most `buffer_size` events; when full, the oldest is discarded
 *   (`pool <name> event buffer overflowed, discarding event <serial>`).
 * - Numbers each event with the global serial and this pool's serial when it first enters.
 * - Dispatches oldest first, each event to the first listener in process order (priority,
 *   then name) whose process is RUNNING and whose protocol state is READY; one event in
 *   flight per listener. Dispatch runs on the next turn of the event loop after something
 *   changed, like 4.2.5's next loop pass.
 * - An event rejected by its listener (FAIL or any body other than `OK`, a bad result line,
 *   a result handler error, the listener dying while BUSY) goes back to the head of this
 *   pool's buffer with the same numbers. Unlike 4.2.5 it is not copied into other pools.
 *
 * The pool talks to its listener processes through `ListenerProcess`; the process model
 * calls `attach` at every spawn and feeds the returned `ListenerAttachment`. The pool logs the
 * DEBG echo of listener stdout (`'name' stdout output:` + bytes literal); writing those bytes
 * to the listener's `stdout_logfile` is the caller's job.
 */
import type { EventListenerStateName } from '@supervisor-ts/protocol';
import type { EventListenerGroupConfig } from '../config/types';
import type { EventBus, SupervisorEvent } from '../events/bus';
import { isEventTypeName, matchesAnySubscription, minimalSubscriptions } from '../events/event-types';
import { renderEnvelope, renderPayload } from '../events/payload';
import { SerialCounter, type EventSerials } from '../events/serials';
import type { Logger } from '../logging/logger';
import { pythonBytesRepr, pythonRepr } from '@supervisor-ts/protocol';
import type { BufferedEvent } from './buffered-event';
import { ListenerProtocol, type ListenerSignal, type ResultOutcome } from './listener-protocol';
import { resolveResultHandler, type ResultHandler } from './result-handler';

/** One listener process as the pool sees it. */
export interface ListenerProcess {
  /** The process name (`pool_0`), as in `[eventlistener:pool] process_name`. */
  readonly name: string;
  /** Whether the process state is RUNNING now; only RUNNING listeners receive events. */
  isRunning(): boolean;
  /**
   * Writes bytes to the listener's stdin. Returns false when the pipe is known to be closed
   * (4.2.5's EPIPE case: the event then goes to the next READY listener).
   */
  writeStdin(data: Buffer): boolean;
}

/** The pool's side of one spawned listener; inert once `onExit` was called or it was replaced. */
export interface ListenerAttachment {
  /** Bytes the listener wrote on stdout, in order, as they arrive. */
  onStdout(chunk: Buffer): void;
  /** The process just entered RUNNING: buffered events may now go to it. */
  onRunning(): void;
  /** The process ended (reaped, pipes drained): an event it was handling is buffered again. */
  onExit(): void;
  /** The protocol state of this listener. */
  readonly state: EventListenerStateName;
}

export type PoolLogger = Pick<Logger, 'error' | 'warn' | 'debug'>;

export interface EventListenerPoolOptions {
  config: Pick<EventListenerGroupConfig, 'name' | 'buffer_size' | 'events' | 'result_handler' | 'processes'>;
  /** `[supervisord] identifier`, sent as `server:`. */
  identifier: string;
  /** The daemon's global serials, shared by every pool and kept across restarts. */
  serials: EventSerials;
  /** The activity log. */
  logger: PoolLogger;
  /** Overrides `config.result_handler`. */
  resultHandler?: ResultHandler;
  /** Runs a dispatch later (default: `setImmediate`). */
  scheduleDispatch?: (run: () => void) => void;
}

interface ListenerRecord {
  readonly process: ListenerProcess;
  readonly protocol: ListenerProtocol;
  inFlight: BufferedEvent | null;
}

export class EventListenerPool {
  readonly name: string;
  /** The configured event names, reduced so that no event matches two of them. */
  readonly subscriptions: readonly string[];
  private readonly bufferSize: number;
  private readonly buffer: BufferedEvent[] = [];
  private readonly poolSerials = new SerialCounter();
  private readonly listeners = new Map<string, ListenerRecord>();
  private readonly processOrder: Map<string, number>;
  private readonly resultHandler: ResultHandler;
  private readonly schedule: (run: () => void) => void;
  private readonly unsubscribers: Array<() => void> = [];
  private dispatchScheduled = false;
  private closed = false;

  constructor(private readonly options: EventListenerPoolOptions) {
    const { config } = options;
    this.name = config.name;
    this.bufferSize = config.buffer_size;
    this.subscriptions = minimalSubscriptions(config.events);
    const handler = options.resultHandler ?? resolveResultHandler(config.result_handler);
    if (handler === null) {
      throw new Error(`${config.result_handler} cannot be resolved within [eventlistener:${config.name}]`);
    }
    this.resultHandler = handler;
    this.schedule = options.scheduleDispatch ?? ((run) => void setImmediate(run));
    const ordered = [...config.processes].sort((a, b) =>
      a.priority !== b.priority ? a.priority - b.priority : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    this.processOrder = new Map(ordered.map((process, index) => [process.name, index]));
  }

  /** Subscribes `accept` to the bus for the configured event types. */
  subscribe(bus: EventBus): void {
    if (this.closed) return;
    for (const type of this.subscriptions) this.unsubscribers.push(bus.subscribe(type, (event) => this.accept(event)));
  }

  /** Whether this pool takes events of that type. */
  wants(type: string): boolean {
    return isEventTypeName(type) && matchesAnySubscription(type, this.subscriptions);
  }

  /** Buffers a published event (ignored when this pool does not subscribe to its type). */
  accept(event: SupervisorEvent): void {
    if (this.closed || !this.wants(event.type)) return;
    const serial = this.options.serials.serialOf(event);
    const buffered: BufferedEvent = {
      event,
      serial,
      poolserial: this.poolSerials.next(),
      payload: renderPayload(event),
    };
    this.insert(buffered, 'tail');
    this.requestDispatch();
  }

  /** Called at every spawn of a listener process: it starts ACKNOWLEDGED, waiting for `READY\n`. */
  attach(process: ListenerProcess): ListenerAttachment {
    const record: ListenerRecord = { process, protocol: new ListenerProtocol(), inFlight: null };
    const previous = this.listeners.get(process.name);
    if (previous !== undefined) this.requeueInFlight(previous);
    this.listeners.set(process.name, record);
    const current = (): boolean => this.listeners.get(process.name) === record && !this.closed;
    return {
      onStdout: (chunk) => {
        if (current()) this.handleStdout(record, chunk);
      },
      onRunning: () => {
        if (current()) this.requestDispatch();
      },
      onExit: () => {
        if (!current()) return;
        this.listeners.delete(process.name);
        this.requeueInFlight(record);
        this.requestDispatch();
      },
      get state() {
        return record.protocol.state;
      },
    };
  }

  /** The protocol state of a listener, or null when no process of that name is attached. */
  listenerState(name: string): EventListenerStateName | null {
    return this.listeners.get(name)?.protocol.state ?? null;
  }

  /** The events waiting in the buffer, oldest first. */
  bufferedEvents(): readonly BufferedEvent[] {
    return [...this.buffer];
  }

  /** Asks for a dispatch on the next turn (several requests make one dispatch). */
  requestDispatch(): void {
    if (this.dispatchScheduled || this.closed) return;
    this.dispatchScheduled = true;
    this.schedule(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  /** Sends buffered events, oldest first, while a RUNNING and READY listener takes them. */
  dispatch(): void {
    if (this.closed || !this.orderedListeners().some((record) => this.canTakeEvent(record))) return;
    for (let event = this.buffer.shift(); event !== undefined; event = this.buffer.shift()) {
      if (!this.deliver(event)) {
        this.insert(event, 'head');
        return;
      }
    }
  }

  /** Stops taking and sending events; buffered and in-flight events are dropped. */
  close(): void {
    this.closed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.buffer.length = 0;
    this.listeners.clear();
  }

  private orderedListeners(): ListenerRecord[] {
    const rank = (name: string): number => this.processOrder.get(name) ?? Number.MAX_SAFE_INTEGER;
    return [...this.listeners.values()].sort((a, b) => {
      const byRank = rank(a.process.name) - rank(b.process.name);
      if (byRank !== 0) return byRank;
      return a.process.name < b.process.name ? -1 : a.process.name > b.process.name ? 1 : 0;
    });
  }

  private canTakeEvent(record: ListenerRecord): boolean {
    return record.protocol.state === 'READY' && record.process.isRunning();
  }

  private deliver(event: BufferedEvent): boolean {
    const { logger } = this.options;
    for (const record of this.orderedListeners()) {
      if (!this.canTakeEvent(record)) continue;
      const envelope = renderEnvelope({
        server: this.options.identifier,
        serial: event.serial,
        pool: this.name,
        poolserial: event.poolserial,
        eventname: event.event.type,
        payload: event.payload,
      });
      let written: boolean;
      try {
        written = record.process.writeStdin(envelope);
      } catch {
        written = false;
      }
      if (!written) {
        logger.debug(
          `epipe occurred while sending event ${event.serial} to listener ${record.process.name}, listener state unchanged`,
        );
        continue;
      }
      // 4.2.5 marks the listener BUSY without logging a state change.
      record.protocol.markBusy();
      record.inFlight = event;
      logger.debug(`event ${event.serial} sent to listener ${record.process.name}`);
      return true;
    }
    return false;
  }

  private insert(event: BufferedEvent, where: 'head' | 'tail'): void {
    const { logger } = this.options;
    if (where === 'head') {
      logger.debug(
        `rebuffering event ${event.serial} for pool ${this.name} (buf size=${this.buffer.length}, max=${this.bufferSize})`,
      );
    }
    if (this.buffer.length >= this.bufferSize) {
      const discarded = this.buffer.shift();
      if (discarded !== undefined) {
        logger.error(`pool ${this.name} event buffer overflowed, discarding event ${discarded.serial}`);
      }
    }
    if (where === 'head') this.buffer.unshift(event);
    else this.buffer.push(event);
  }

  private requeueInFlight(record: ListenerRecord): void {
    const event = record.inFlight;
    record.inFlight = null;
    if (event !== null && !this.closed) this.insert(event, 'head');
  }

  private judge(record: ListenerRecord, body: Buffer): ResultOutcome {
    return this.resultHandler(record.inFlight, body);
  }

  private handleStdout(record: ListenerRecord, chunk: Buffer): void {
    if (chunk.length === 0) return;
    // As 4.2.5's listener dispatcher: the raw bytes, shown as a Python bytes literal.
    this.options.logger.debug(`${pythonRepr(record.process.name)} stdout output:\n${pythonBytesRepr(chunk)}`);
    const signals = record.protocol.feed(chunk, (body) => this.judge(record, body));
    this.handleSignals(record, signals);
  }

  private handleSignals(record: ListenerRecord, signals: ListenerSignal[]): void {
    const { logger } = this.options;
    const name = record.process.name;
    let rejected = false;
    for (const signal of signals) {
      switch (signal.kind) {
        case 'result':
          if (signal.outcome === 'processed') {
            logger.debug(`${name}: event was processed`);
            record.inFlight = null;
          } else {
            logger.warn(signal.outcome === 'rejected' ? `${name}: event was rejected` : `${name}: event caused an error`);
            rejected = true;
          }
          break;
        case 'bad-result-line':
          logger.warn(`${name}: bad result line: '${signal.line}'`);
          rejected = true;
          break;
        case 'state-change':
          logger.debug(`${name}: ${signal.from} -> ${signal.to}`);
          if (signal.to === 'UNKNOWN') {
            logger.warn(
              `${name}: has entered the UNKNOWN state and will no longer receive events, ` +
                'this usually indicates the process violated the eventlistener protocol',
            );
          }
          if (rejected) {
            rejected = false;
            this.requeueInFlight(record);
          }
          if (signal.to === 'READY' || signal.to === 'UNKNOWN') this.requestDispatch();
          break;
      }
    }
  }
}

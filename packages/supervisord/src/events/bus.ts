/**
 * The event bus of one supervisord instance. Events are immutable snapshots taken when they are
 * published. A subscription names a concrete type (`PROCESS_STATE_RUNNING`), an ancestor type
 * (`PROCESS_STATE` receives every `PROCESS_STATE_*`) or `EVENT` (everything).
 */

export type EventFieldValue = string | number;

export interface SupervisorEvent {
  /** Upstream event type name, e.g. `PROCESS_STATE_RUNNING`. */
  readonly type: string;
  /** Header tokens in upstream order, e.g. processname, groupname, from_state, tries. */
  readonly fields: ReadonlyArray<readonly [string, EventFieldValue]>;
  /** Data after the header line (log chunks, remote communication), or ''. */
  readonly body: string | Buffer;
}

export type EventHandler = (event: SupervisorEvent) => void;

/** Whether an event of `type` is delivered to a subscription on `typeOrCategory`. */
export function eventMatches(type: string, typeOrCategory: string): boolean {
  return typeOrCategory === 'EVENT' || type === typeOrCategory || type.startsWith(`${typeOrCategory}_`);
}

export class EventBus {
  private readonly subscriptions: Array<{ key: string; handler: EventHandler }> = [];

  /** `onHandlerError` receives what a subscriber threw; the other subscribers still run. */
  constructor(private readonly onHandlerError: (error: unknown, event: SupervisorEvent) => void = () => {}) {}

  subscribe(typeOrCategory: string, handler: EventHandler): () => void {
    const subscription = { key: typeOrCategory, handler };
    this.subscriptions.push(subscription);
    return () => {
      const index = this.subscriptions.indexOf(subscription);
      if (index >= 0) this.subscriptions.splice(index, 1);
    };
  }

  publish(event: SupervisorEvent): void {
    const frozen: SupervisorEvent = Object.freeze({
      type: event.type,
      fields: Object.freeze(event.fields.map((field) => Object.freeze([field[0], field[1]] as const))),
      body: event.body,
    });
    for (const { key, handler } of [...this.subscriptions]) {
      if (!eventMatches(frozen.type, key)) continue;
      try {
        handler(frozen);
      } catch (error) {
        this.onHandlerError(error, frozen);
      }
    }
  }
}

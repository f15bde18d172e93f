import type { SupervisorEvent } from '../events/bus';

/** An event held by one pool: numbered once, and re-sent with the same numbers. */
export interface BufferedEvent {
  readonly event: SupervisorEvent;
  /** Global serial (the same in every pool). */
  readonly serial: number;
  /** This pool's serial. */
  readonly poolserial: number;
  /** The payload text, rendered when the event entered the pool. */
  readonly payload: string;
}

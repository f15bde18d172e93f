/**
 * What a pool does with a listener's result body (`[eventlistener:x] result_handler`).
 * A handler returns `processed` or `rejected`; if it throws, the event "caused an error"
 * (the listener goes UNKNOWN and the event is buffered again).
 */
import type { BufferedEvent } from './buffered-event';

export type ResultVerdict = 'processed' | 'rejected';

export type ResultHandler = (event: BufferedEvent | null, body: Buffer) => ResultVerdict;

/** The only handler 4.2.5 ships, and the default of `result_handler`. */
export const DEFAULT_RESULT_HANDLER_SPEC = 'supervisor.dispatchers:default_handler';

const OK = Buffer.from('OK');

/** Accepts exactly `OK`; anything else (`FAIL`, `ok`, `OK\n`, empty) rejects the event. */
export const defaultResultHandler: ResultHandler = (_event, body) => (body.equals(OK) ? 'processed' : 'rejected');

/** The handler for a `result_handler` spec, or null when it names a handler we do not have. */
export function resolveResultHandler(spec: string): ResultHandler | null {
  return spec.trim() === DEFAULT_RESULT_HANDLER_SPEC ? defaultResultHandler : null;
}

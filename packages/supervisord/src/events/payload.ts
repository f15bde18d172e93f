/**
 * The text supervisord 4.2.5 writes to a listener for one event: the payload of every event
 * type, and the header line in front of it.
 *
 * Payload = the event's tokens as `key:value` joined by single spaces; for the types that
 * carry data (PROCESS_LOG_*, PROCESS_COMMUNICATION_*, REMOTE_COMMUNICATION, PROCESS_GROUP_*)
 * a LF and the data follow, even when the data is empty (PROCESS_GROUP_* payloads therefore
 * end in a LF). Byte data is shown as strict UTF-8, or `Undecodable: b'…'`.
 */
import { decodeUtf8OrRepr } from '../logging/decode-utf8';
import type { SupervisorEvent } from './bus';
import { eventTypeLineage, isEventTypeName, type EventTypeName } from './event-types';

/** The categories whose payload has a data section after the token line. */
const TYPES_WITH_DATA: readonly EventTypeName[] = [
  'PROCESS_LOG',
  'PROCESS_COMMUNICATION',
  'REMOTE_COMMUNICATION',
  'PROCESS_GROUP',
];

export function hasDataSection(type: string): boolean {
  return isEventTypeName(type) && eventTypeLineage(type).some((name) => TYPES_WITH_DATA.includes(name));
}

/** The payload text of an event (no trailing newline unless its format has one). */
export function renderPayload(event: SupervisorEvent): string {
  const tokens = event.fields.map(([key, value]) => `${key}:${value}`).join(' ');
  if (!hasDataSection(event.type)) return tokens;
  const data = typeof event.body === 'string' ? event.body : decodeUtf8OrRepr(event.body);
  return `${tokens}\n${data}`;
}

/** Python's `len()` of a str: Unicode code points (not UTF-16 units, not bytes). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low surrogate is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

export interface EnvelopeFields {
  /** `[supervisord] identifier`. */
  server: string;
  serial: number;
  pool: string;
  poolserial: number;
  eventname: string;
  payload: string;
}

/**
 * The header line a listener reads first. `len` is the payload length as 4.2.5 counts it:
 * code points of the text, not bytes written (`café\n` counts 5 and is 6 bytes).
 */
export function renderHeaderLine(fields: EnvelopeFields): string {
  return (
    `ver:3.0 server:${fields.server} serial:${fields.serial} pool:${fields.pool} ` +
    `poolserial:${fields.poolserial} eventname:${fields.eventname} len:${codePointLength(fields.payload)}\n`
  );
}

/** The bytes written to a listener's stdin for one event: header line, then the payload, UTF-8. */
export function renderEnvelope(fields: EnvelopeFields): Buffer {
  return Buffer.from(renderHeaderLine(fields) + fields.payload, 'utf8');
}

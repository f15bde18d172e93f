/**
 * The event-listener protocol as supervisord 4.2.5 reads it from a listener's stdout.
 *
 * A pure parser: bytes in, listener state and signals out, no I/O. One instance per spawn of a
 * listener process (every spawn starts ACKNOWLEDGED). Bytes may arrive split or joined in any
 * way; what a write contains does not matter, only the byte sequence.
 *
 *   ACKNOWLEDGED  expects exactly `READY\n` (decided once 6 bytes are buffered)
 *   READY         expects nothing; any byte is a violation
 *   BUSY          expects `RESULT <n>\n` followed by exactly n bytes of result body
 *   UNKNOWN       everything is dropped until the process is spawned again
 */
import type { EventListenerStateName } from '@supervisor-ts/protocol';
import { decodeUtf8OrRepr } from '../logging/decode-utf8';

const READY_TOKEN = Buffer.from('READY\n');
/** 4.2.5 skips this many characters of a result line (normally `RESULT `) without checking them. */
const RESULT_TOKEN_LENGTH = 'RESULT '.length;

/** What the result handler made of a result body. */
export type ResultOutcome = 'processed' | 'rejected' | 'error';

export type ListenerSignal =
  | { kind: 'state-change'; from: EventListenerStateName; to: EventListenerStateName }
  /** A whole result arrived; `outcome` is what the judge said. */
  | { kind: 'result'; body: Buffer; outcome: ResultOutcome }
  /** The line after an event did not end in an integer; `line` is printable text. */
  | { kind: 'bad-result-line'; line: string };

/** Decides a result body: called once per complete result, in the middle of parsing. */
export type ResultJudge = (body: Buffer) => ResultOutcome;

/** Python's `int()` of a bytes value: ASCII whitespace around, optional sign, `_` between digits. */
export function parsePythonInt(bytes: Buffer): number | null {
  const text = bytes.toString('latin1').replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
  if (!/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(text)) return null;
  return Number(text.replace(/_/g, ''));
}

export class ListenerProtocol {
  private current: EventListenerStateName = 'ACKNOWLEDGED';
  private buffer: Buffer = Buffer.alloc(0);
  private resultLength: number | null = null;
  private result: Buffer = Buffer.alloc(0);

  get state(): EventListenerStateName {
    return this.current;
  }

  /**
   * Records that an event was written to the listener (READY → BUSY). Returns the signals to
   * log; throws when the listener was not READY (a caller bug, never caused by the listener).
   */
  markBusy(): ListenerSignal[] {
    if (this.current !== 'READY') throw new Error(`a listener in state ${this.current} cannot take an event`);
    return [this.changeState('BUSY')];
  }

  /** Consumes bytes the listener wrote and returns what happened, in order. */
  feed(chunk: Uint8Array, judge: ResultJudge): ListenerSignal[] {
    const signals: ListenerSignal[] = [];
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    this.parse(judge, signals);
    return signals;
  }

  private changeState(to: EventListenerStateName): ListenerSignal {
    const from = this.current;
    this.current = to;
    return { kind: 'state-change', from, to };
  }

  private enterUnknown(signals: ListenerSignal[]): void {
    this.buffer = Buffer.alloc(0);
    this.resultLength = null;
    this.result = Buffer.alloc(0);
    signals.push(this.changeState('UNKNOWN'));
  }

  private parse(judge: ResultJudge, signals: ListenerSignal[]): void {
    // Each pass consumes something or returns; mirrors 4.2.5's re-examination of leftovers.
    while (this.buffer.length > 0) {
      switch (this.current) {
        case 'UNKNOWN':
          this.buffer = Buffer.alloc(0);
          return;
        case 'READY':
          this.enterUnknown(signals);
          return;
        case 'ACKNOWLEDGED':
          if (this.buffer.length < READY_TOKEN.length) return;
          if (this.buffer.subarray(0, READY_TOKEN.length).equals(READY_TOKEN)) {
            this.buffer = this.buffer.subarray(READY_TOKEN.length);
            signals.push(this.changeState('READY'));
            continue;
          }
          this.enterUnknown(signals);
          return;
        case 'BUSY':
          if (!this.parseBusy(judge, signals)) return;
          continue;
      }
    }
  }

  /** One step of BUSY parsing; false when it must wait for more bytes or parsing is over. */
  private parseBusy(judge: ResultJudge, signals: ListenerSignal[]): boolean {
    if (this.resultLength === null) {
      const newline = this.buffer.indexOf(0x0a);
      if (newline === -1) return false;
      const line = this.buffer.subarray(0, newline);
      this.buffer = this.buffer.subarray(newline + 1);
      const length = parsePythonInt(line.subarray(RESULT_TOKEN_LENGTH));
      if (length === null || length < 0) {
        signals.push({ kind: 'bad-result-line', line: decodeUtf8OrRepr(line) });
        this.enterUnknown(signals);
        return false;
      }
      this.resultLength = length;
      // 4.2.5 only looks at the body on the next examination, which happens at once when
      // bytes follow the line and otherwise when more bytes arrive (so an empty body after
      // `RESULT 0\n` waits for the next byte).
      return this.buffer.length > 0;
    }
    const needed = this.resultLength - this.result.length;
    if (needed > 0) {
      const take = this.buffer.subarray(0, needed);
      this.result = this.result.length === 0 ? Buffer.from(take) : Buffer.concat([this.result, take]);
      this.buffer = this.buffer.subarray(take.length);
    }
    if (this.result.length < this.resultLength) return false;
    const body = this.result;
    this.result = Buffer.alloc(0);
    this.resultLength = null;
    const outcome = judgeSafely(judge, body);
    signals.push({ kind: 'result', body, outcome });
    if (outcome === 'error') {
      this.enterUnknown(signals);
      return false;
    }
    signals.push(this.changeState('ACKNOWLEDGED'));
    return true;
  }
}

function judgeSafely(judge: ResultJudge, body: Buffer): ResultOutcome {
  try {
    return judge(body);
  } catch {
    return 'error';
  }
}

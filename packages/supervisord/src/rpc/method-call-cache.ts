/**
 * Decoded method calls, remembered by their exact request body. Pollers send the same few bodies
 * over and over (`getAllProcessInfo`, `getProcessInfo('web')`), and parsing the XML was a large
 * part of answering them. Only calls whose parameters are all strings, numbers or booleans are
 * kept, so a handler can never see a container another call changed; bodies that fail to decode
 * are never kept (they are decoded, and logged, each time).
 */
import { decodeMethodCall, type DecodedMethodCall, type XmlRpcValue } from '@supervisor-ts/protocol';

/** Bodies longer than this are decoded every time (pollers' calls are a few hundred bytes). */
export const MAX_CACHED_BODY_BYTES = 2048;
/** Distinct bodies kept; the oldest goes first when full. */
export const MAX_CACHED_CALLS = 256;

function isScalar(value: XmlRpcValue): boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean';
}

export class MethodCallCache {
  private readonly calls = new Map<string, DecodedMethodCall>();

  /**
   * Decodes `body` as supervisord does (base64 parameters as text); throws what the decoder
   * throws. Only request bodies as received (bytes) are remembered.
   */
  decode(body: Buffer | string): DecodedMethodCall {
    if (typeof body === 'string' || body.byteLength > MAX_CACHED_BODY_BYTES) return decodeMethodCall(body, { base64: 'string' });
    // latin1 maps every byte to one character: equal keys mean equal bytes.
    const key = body.toString('latin1');
    const known = this.calls.get(key);
    if (known !== undefined) return known;
    const call = decodeMethodCall(body, { base64: 'string' });
    if (call.params.every(isScalar)) {
      if (this.calls.size >= MAX_CACHED_CALLS) this.calls.delete(this.calls.keys().next().value as string);
      Object.freeze(call.params);
      this.calls.set(key, Object.freeze(call));
    }
    return call;
  }
}

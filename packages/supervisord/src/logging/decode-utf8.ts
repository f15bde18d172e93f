import { pythonBytesRepr } from '@supervisor-ts/protocol';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 text, or `Undecodable: b'…'` (as supervisord logs it) when the bytes are not valid UTF-8. */
export function decodeUtf8OrRepr(data: Buffer): string {
  try {
    return strictUtf8.decode(data);
  } catch {
    return `Undecodable: ${pythonBytesRepr(data)}`;
  }
}

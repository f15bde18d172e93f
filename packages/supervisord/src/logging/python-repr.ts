/** Text as supervisord shows it in messages that quote values with Python's `repr`. */

function quoteFor(text: string): string {
  return text.includes("'") && !text.includes('"') ? '"' : "'";
}

function escapeCode(code: number, quote: string): string {
  if (code === 0x5c) return '\\\\';
  if (code === 0x09) return '\\t';
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === quote.charCodeAt(0)) return `\\${quote}`;
  return '';
}

function hex2(code: number): string {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/** Python's `repr(str)`: `'name'`, or `"it's"` when only single quotes occur. */
export function pythonStrRepr(text: string): string {
  const quote = quoteFor(text);
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const escaped = escapeCode(code, quote);
    if (escaped) out += escaped;
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) out += hex2(code);
    else out += char;
  }
  return out + quote;
}

/** Python's `repr(bytes)`: `b'bad\xff\n'`. */
export function pythonBytesRepr(data: Buffer): string {
  const text = data.toString('latin1');
  const quote = quoteFor(text);
  let out = `b${quote}`;
  for (const byte of data) {
    const escaped = escapeCode(byte, quote);
    if (escaped) out += escaped;
    else if (byte < 0x20 || byte >= 0x7f) out += hex2(byte);
    else out += String.fromCharCode(byte);
  }
  return out + quote;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 text, or `Undecodable: b'…'` when the bytes are not valid UTF-8. */
export function decodeUtf8OrRepr(data: Buffer): string {
  try {
    return strictUtf8.decode(data);
  } catch {
    return `Undecodable: ${pythonBytesRepr(data)}`;
  }
}

/**
 * Python's `repr()` of text and bytes, for the messages supervisord and supervisorctl quote values
 * in (`Invalid name: 'a b'`, `b'bad\xff\n'`).
 */

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
export function pythonRepr(text: string): string {
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
export function pythonBytesRepr(data: Uint8Array): string {
  const text = Array.from(data, (byte) => String.fromCharCode(byte)).join('');
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

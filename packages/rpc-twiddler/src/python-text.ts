/**
 * How Python spells values in text: `str()` of an XML-RPC scalar (for program options, which the
 * original extension hands to the config parser unconverted) and `repr()` of a string (for messages
 * that quote a name).
 */
import { XmlRpcDouble, type XmlRpcValue } from '@supervisor-ts/protocol';

/** Python's str() of an XML-RPC string, int, boolean or double; null for any other value. */
export function pythonStr(value: XmlRpcValue): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (value instanceof XmlRpcDouble) {
    const v = value.value;
    if (!Number.isFinite(v)) return null;
    return Number.isInteger(v) ? `${v}.0` : String(v);
  }
  return null;
}

/** Python's repr() of a string: single quotes unless the text holds a single quote and no double one. */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

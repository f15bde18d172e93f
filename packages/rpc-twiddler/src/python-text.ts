/**
 * How Python spells values in text: `str()` of an XML-RPC scalar, for program options, which the
 * original extension hands to the config parser unconverted.
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

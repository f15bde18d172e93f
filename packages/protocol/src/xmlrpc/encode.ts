/**
 * XML-RPC serializer. The byte layout is the one Python's `xmlrpc.client.dumps` produces (and
 * therefore what supervisord 4.2.5 sends): no indentation, a newline after every value, struct
 * members and array elements on their own lines.
 *
 * Encoding never throws. Characters that XML 1.0 cannot carry (C0 controls other than tab, LF and
 * CR; U+FFFE/U+FFFF; unpaired surrogates) are replaced by U+FFFD, so every document this module
 * writes is well-formed and readable by Python's client.
 */
import { XmlRpcBase64, XmlRpcDouble, XmlRpcEncodedValue, type XmlRpcValue } from './value';

const XML_DECLARATION = "<?xml version='1.0'?>\n";
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The character written in place of anything XML 1.0 cannot represent. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces every character XML 1.0 cannot carry with U+FFFD. */
export function toXmlSafeText(text: string): string {
  return text.replace(XML_ILLEGAL, REPLACEMENT_CHARACTER);
}

/** Any character that escaping or the XML-safety replacement could change (checked first). */
const NEEDS_WORK = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes as Python's xmlrpc.client does (`&`, `<`, `>` only) after making the text XML-safe. */
export function escapeXmlText(text: string): string {
  // Most texts (names, states, paths) need nothing: one scan, no new string.
  if (!NEEDS_WORK.test(text)) return text;
  return toXmlSafeText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) {
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const intLength = exponent + 1;
  if (digits.length <= intLength) {
    return `${sign}${digits.padEnd(intLength, '0')}.0`;
  }
  return `${sign}${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `YYYYMMDDTHH:MM:SS` in UTC (XML-RPC dates carry no zone; we always write and read UTC). */
export function formatIso8601(date: Date): string {
  if (Number.isNaN(date.getTime())) return '00000000T00:00:00';
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`
  );
}

/** base64 as Python's `base64.encodebytes`: 76-character lines, each ending in a newline. */
function encodeBase64Lines(bytes: Buffer): string {
  const flat = bytes.toString('base64');
  let out = '';
  for (let i = 0; i < flat.length; i += 76) out += `${flat.slice(i, i + 76)}\n`;
  return out;
}

/** Collects the document as one string; appending to a string is cheaper than joining parts. */
class TextOut {
  text = '';
  push(part: string): void {
    this.text += part;
  }
}

function writeNumber(value: number, out: TextOut): void {
  if (Number.isInteger(value)) {
    // String() and toFixed(0) agree on every 32-bit integer (-0 included); only toFixed(0) writes
    // large integers without an exponent.
    if (value >= INT32_MIN && value <= INT32_MAX) out.push(`<value><int>${String(value)}</int></value>\n`);
    // Values outside the 32-bit range go out as <i8> (Python's client reads it) instead of failing.
    else out.push(`<value><i8>${value.toFixed(0)}</i8></value>\n`);
  } else {
    out.push(`<value><double>${pythonFloatRepr(value)}</double></value>\n`);
  }
}

function writeValue(value: XmlRpcValue | undefined, out: TextOut, seen: Set<object>): void {
  if (value === null || value === undefined) {
    // Python writes no newline after <nil/>; keep that byte for byte.
    out.push('<value><nil/></value>');
    return;
  }
  switch (typeof value) {
    case 'string':
      out.push(`<value><string>${escapeXmlText(value)}</string></value>\n`);
      return;
    case 'number':
      writeNumber(value, out);
      return;
    case 'boolean':
      out.push(`<value><boolean>${value ? '1' : '0'}</boolean></value>\n`);
      return;
    default:
      break;
  }
  if (value instanceof XmlRpcEncodedValue) {
    out.push(value.xml);
    return;
  }
  if (value instanceof XmlRpcDouble) {
    out.push(`<value><double>${pythonFloatRepr(value.value)}</double></value>\n`);
    return;
  }
  if (value instanceof XmlRpcBase64) {
    out.push(`<value><base64>\n${encodeBase64Lines(value.bytes)}</base64></value>\n`);
    return;
  }
  if (value instanceof Date) {
    out.push(`<value><dateTime.iso8601>${formatIso8601(value)}</dateTime.iso8601></value>\n`);
    return;
  }
  if (Buffer.isBuffer(value)) {
    out.push(`<value><base64>\n${encodeBase64Lines(value)}</base64></value>\n`);
    return;
  }
  if (seen.has(value)) {
    // A cycle cannot be represented; write an empty string rather than recursing forever.
    out.push('<value><string></string></value>\n');
    return;
  }
  seen.add(value);
  if (Array.isArray(value)) {
    out.push('<value><array><data>\n');
    for (const item of value) writeValue(item, out, seen);
    out.push('</data></array></value>\n');
  } else {
    out.push('<value><struct>\n');
    const struct = value as Record<string, XmlRpcValue | undefined>;
    for (const key of Object.keys(struct)) {
      const member = struct[key];
      if (member === undefined) continue;
      out.push(`<member>\n<name>${escapeXmlText(key)}</name>\n`);
      writeValue(member, out, seen);
      out.push('</member>\n');
    }
    out.push('</struct></value>\n');
  }
  seen.delete(value);
}

/** One `<value>…</value>` (with its trailing newline), as Python writes it. */
export function encodeValue(value: XmlRpcValue): string {
  const out = new TextOut();
  writeValue(value, out, new Set());
  return out.text;
}

function encodeParams(params: readonly XmlRpcValue[], out: TextOut): void {
  out.push('<params>\n');
  const seen = new Set<object>();
  for (const param of params) {
    out.push('<param>\n');
    writeValue(param, out, seen);
    out.push('</param>\n');
  }
  out.push('</params>\n');
}

/** A complete `<methodCall>` document. */
export function encodeMethodCall(methodName: string, params: readonly XmlRpcValue[] = []): string {
  const out = new TextOut();
  out.push(`${XML_DECLARATION}<methodCall>\n<methodName>${escapeXmlText(methodName)}</methodName>\n`);
  encodeParams(params, out);
  out.push('</methodCall>\n');
  return out.text;
}

/** A complete successful `<methodResponse>` document carrying one value. */
export function encodeMethodResponse(value: XmlRpcValue): string {
  const out = new TextOut();
  out.push(`${XML_DECLARATION}<methodResponse>\n`);
  encodeParams([value], out);
  out.push('</methodResponse>\n');
  return out.text;
}

/** A complete fault `<methodResponse>` document. */
export function encodeFault(faultCode: number, faultString: string): string {
  const out = new TextOut();
  out.push(`${XML_DECLARATION}<methodResponse>\n<fault>\n`);
  writeValue({ faultCode, faultString }, out, new Set());
  out.push('</fault>\n</methodResponse>\n');
  return out.text;
}

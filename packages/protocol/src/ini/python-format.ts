/**
 * Python's `template % mapping` for the subset supervisord relies on: every conversion spec
 * may carry a `(name)` mapping key, flags `#0- +`, a width, a precision, a length modifier
 * (ignored) and one of the conversions `s r a d i u o x X e E f F g G c %`.
 * Values are strings or integers. Errors are thrown as PythonFormatError, whose `kind` tells
 * an unknown name (Python's KeyError) from a malformed template (Python's ValueError/TypeError).
 */

import { pythonRepr } from '../python-repr';
export type FormatValue = string | number;

export class PythonFormatError extends Error {
  constructor(
    /** `missing-name` (KeyError) or `bad-format` (anything else Python would raise). */
    readonly kind: 'missing-name' | 'bad-format',
    /** For `missing-name`: the name. For `bad-format`: Python's message. */
    readonly detail: string,
  ) {
    super(kind === 'missing-name' ? `unknown name ${detail}` : detail);
    this.name = 'PythonFormatError';
  }
}


function repr(v: FormatValue): string {
  return typeof v === 'number' ? String(v) : pythonRepr(v);
}

function dictRepr(mapping: ReadonlyMap<string, FormatValue>): string {
  return '{' + [...mapping].map(([k, v]) => `${pythonRepr(k)}: ${repr(v)}`).join(', ') + '}';
}

function typeName(v: unknown): string {
  if (typeof v === 'number') return 'int';
  if (typeof v === 'string') return 'str';
  return 'dict';
}

interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  conv: string;
}

function pad(body: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (body.length >= width) return body;
  if (spec.flags.includes('-')) return body.padEnd(width, ' ');
  if (numeric && spec.flags.includes('0')) {
    const signMatch = /^([+\- ]?(?:0[xXo])?)(.*)$/s.exec(body) as RegExpExecArray;
    return signMatch[1] + signMatch[2].padStart(width - signMatch[1].length, '0');
  }
  return body.padStart(width, ' ');
}

function signed(n: number, digits: string, spec: Spec): string {
  if (n < 0 || Object.is(n, -0)) return '-' + digits;
  if (spec.flags.includes('+')) return '+' + digits;
  if (spec.flags.includes(' ')) return ' ' + digits;
  return digits;
}

function formatInteger(v: FormatValue, spec: Spec): string {
  if (typeof v !== 'number') {
    const what = spec.conv === 'c' ? '%c requires int or char' : `%${spec.conv} format: ${
      spec.conv === 'x' || spec.conv === 'X' || spec.conv === 'o' ? 'an integer' : 'a real number'
    } is required, not ${typeName(v)}`;
    throw new PythonFormatError('bad-format', what);
  }
  const n = Math.trunc(v);
  const abs = Math.abs(n);
  let digits: string;
  switch (spec.conv) {
    case 'x':
      digits = (spec.flags.includes('#') ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      digits = (spec.flags.includes('#') ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    case 'o':
      digits = (spec.flags.includes('#') ? '0o' : '') + abs.toString(8);
      break;
    default:
      digits = String(abs);
  }
  if (spec.precision !== null) {
    const m = /^(0[xXo])?(.*)$/.exec(digits) as RegExpExecArray;
    digits = (m[1] ?? '') + m[2].padStart(spec.precision, '0');
  }
  return pad(signed(n, digits, spec), spec, true);
}

function formatFloat(v: FormatValue, spec: Spec): string {
  if (typeof v !== 'number') {
    throw new PythonFormatError('bad-format', `must be real number, not ${typeName(v)}`);
  }
  const prec = spec.precision ?? 6;
  const abs = Math.abs(v);
  let body: string;
  switch (spec.conv) {
    case 'e':
    case 'E': {
      const [mant, exp] = abs.toExponential(prec).split('e');
      const e = Number(exp);
      body = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
      if (spec.conv === 'E') body = body.toUpperCase();
      break;
    }
    case 'f':
    case 'F':
      body = abs.toFixed(prec);
      break;
    default: {
      const p = prec === 0 ? 1 : prec;
      const exp = abs === 0 ? 0 : Math.floor(Math.log10(abs));
      if (exp < -4 || exp >= p) {
        const [mant, e] = abs.toExponential(p - 1).split('e');
        const m = spec.flags.includes('#') ? mant : mant.replace(/\.?0+$/, '');
        const en = Number(e);
        body = `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
      } else {
        body = abs.toFixed(Math.max(0, p - 1 - exp));
        if (!spec.flags.includes('#') && body.includes('.')) body = body.replace(/\.?0+$/, '');
      }
      if (spec.conv === 'G') body = body.toUpperCase();
    }
  }
  return pad(signed(v, body, spec), spec, true);
}

function formatOne(v: FormatValue, spec: Spec): string {
  switch (spec.conv) {
    case 's':
    case 'r':
    case 'a': {
      let s = spec.conv === 's' ? String(v) : repr(v);
      if (spec.conv === 'a') s = s.replace(/[^\x00-\x7f]/gu, (c) => {
        const cp = c.codePointAt(0) as number;
        return cp <= 0xff ? '\\x' + cp.toString(16).padStart(2, '0') : cp <= 0xffff ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0');
      });
      if (spec.precision !== null) s = [...s].slice(0, spec.precision).join('');
      return pad(s, spec, false);
    }
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o':
      return formatInteger(v, spec);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      return formatFloat(v, spec);
    case 'c': {
      if (typeof v === 'number') return pad(String.fromCodePoint(v), spec, false);
      if ([...v].length !== 1) throw new PythonFormatError('bad-format', '%c requires int or char');
      return pad(v, spec, false);
    }
    default:
      throw new Error('unreachable');
  }
}

/**
 * Formats `template % mapping` as Python does when the right-hand side is a dict.
 * `mapping` is consulted by exact name.
 */
export function pythonFormat(template: string, mapping: ReadonlyMap<string, FormatValue> | Record<string, FormatValue>): string {
  const map: ReadonlyMap<string, FormatValue> = mapping instanceof Map ? mapping : new Map(Object.entries(mapping));
  let out = '';
  let i = 0;
  let usedPositional = false;
  let usedKey = false;
  const n = template.length;
  while (i < n) {
    const pct = template.indexOf('%', i);
    if (pct === -1) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, pct);
    i = pct + 1;
    if (i >= n) throw new PythonFormatError('bad-format', 'incomplete format');
    let key: string | null = null;
    if (template[i] === '(') {
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        if (template[j] === '(') depth++;
        else if (template[j] === ')') depth--;
        j++;
      }
      if (depth > 0) throw new PythonFormatError('bad-format', 'incomplete format key');
      key = template.slice(i + 1, j - 1);
      i = j;
    }
    let flags = '';
    while (i < n && '#0- +'.includes(template[i])) flags += template[i++];
    let width: number | null = null;
    if (template[i] === '*') {
      throw new PythonFormatError('bad-format', '* wants int');
    }
    while (i < n && template[i] >= '0' && template[i] <= '9') width = (width ?? 0) * 10 + Number(template[i++]);
    let precision: number | null = null;
    if (template[i] === '.') {
      i++;
      if (template[i] === '*') throw new PythonFormatError('bad-format', '* wants int');
      precision = 0;
      while (i < n && template[i] >= '0' && template[i] <= '9') precision = precision * 10 + Number(template[i++]);
    }
    while (i < n && 'hlL'.includes(template[i])) i++;
    if (i >= n) throw new PythonFormatError('bad-format', 'incomplete format');
    const conv = template[i];
    const convIndex = i;
    i++;
    if (conv === '%') {
      out += '%';
      continue;
    }
    if (!'sradiuxXoeEfFgGc'.includes(conv)) {
      const code = conv.codePointAt(0) as number;
      throw new PythonFormatError(
        'bad-format',
        `unsupported format character ${pythonRepr(conv)} (0x${code.toString(16)}) at index ${convIndex}`,
      );
    }
    const spec: Spec = { flags, width, precision, conv };
    if (key === null) {
      // Python formats the whole mapping object for a bare spec; a second one has no argument.
      if (usedPositional || usedKey) throw new PythonFormatError('bad-format', 'not enough arguments for format string');
      usedPositional = true;
      if (conv === 's' || conv === 'r' || conv === 'a') {
        let s = dictRepr(map);
        if (precision !== null) s = s.slice(0, precision);
        out += pad(s, spec, false);
      } else {
        throw new PythonFormatError('bad-format', `%${conv} format: a real number is required, not dict`);
      }
      continue;
    }
    usedKey = true;
    if (!map.has(key)) throw new PythonFormatError('missing-name', key);
    out += formatOne(map.get(key) as FormatValue, spec);
  }
  return out;
}

/**
 * XML-RPC decoder on `sax` (strict mode). Reads method calls and method responses (results and
 * faults). Raw control characters, as supervisord 4.2.5 sends them inside log text, are accepted.
 * A DOCTYPE is refused (no entity expansion). Every problem is reported as `XmlRpcDecodeError`.
 */
import sax from 'sax';
import { XmlRpcBase64, type XmlRpcStruct, type XmlRpcValue } from './value';

export class XmlRpcDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRpcDecodeError';
  }
}

export interface DecodedMethodCall {
  kind: 'call';
  methodName: string;
  params: XmlRpcValue[];
}

export interface DecodedResult {
  kind: 'result';
  value: XmlRpcValue;
}

export interface DecodedFault {
  kind: 'fault';
  faultCode: number;
  faultString: string;
}

export type DecodedResponse = DecodedResult | DecodedFault;

export interface DecodeOptions {
  /**
   * How `<base64>` is returned: as `XmlRpcBase64` (default) or, as supervisord's own server does
   * with request parameters, decoded to a UTF-8 string.
   */
  base64?: 'bytes' | 'string';
}

const SCALAR_TYPES = new Set(['i4', 'int', 'i8', 'boolean', 'string', 'double', 'base64', 'dateTime.iso8601']);

/** One open element on the parse stack. */
interface Frame {
  tag: string;
  text: string;
  /** For <value>: the typed result, once a type child closed. */
  value?: XmlRpcValue;
  hasValue?: boolean;
  /** For <array>/<data>: collected elements; for <struct>: the struct. */
  items?: XmlRpcValue[];
  struct?: XmlRpcStruct;
  /** For <member>: its name and value. */
  memberName?: string;
  memberValue?: XmlRpcValue;
  memberHasValue?: boolean;
}

function parseInteger(text: string, tag: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) throw new XmlRpcDecodeError(`invalid <${tag}> value: ${JSON.stringify(text)}`);
  const n = Number(trimmed);
  if (!Number.isSafeInteger(n)) throw new XmlRpcDecodeError(`<${tag}> value out of range: ${trimmed}`);
  return n;
}

function parseDouble(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'nan' || trimmed === '+nan' || trimmed === '-nan') return NaN;
  if (trimmed === 'inf' || trimmed === '+inf' || trimmed === 'infinity') return Infinity;
  if (trimmed === '-inf' || trimmed === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(trimmed)) {
    throw new XmlRpcDecodeError(`invalid <double> value: ${JSON.stringify(text)}`);
  }
  return Number(trimmed);
}

function parseIsoDate(text: string): Date {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})/.exec(text.trim());
  if (!match) throw new XmlRpcDecodeError(`invalid <dateTime.iso8601> value: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function parseBase64(text: string, mode: 'bytes' | 'string'): XmlRpcValue {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new XmlRpcDecodeError('invalid <base64> value');
  const bytes = Buffer.from(compact, 'base64');
  return mode === 'string' ? bytes.toString('utf8') : new XmlRpcBase64(bytes);
}

function scalarValue(tag: string, text: string, options: DecodeOptions): XmlRpcValue {
  switch (tag) {
    case 'i4':
    case 'int':
    case 'i8':
      return parseInteger(text, tag);
    case 'boolean': {
      const trimmed = text.trim();
      if (trimmed !== '0' && trimmed !== '1') throw new XmlRpcDecodeError(`invalid <boolean> value: ${JSON.stringify(text)}`);
      return trimmed === '1';
    }
    case 'double':
      return parseDouble(text);
    case 'base64':
      return parseBase64(text, options.base64 ?? 'bytes');
    case 'dateTime.iso8601':
      return parseIsoDate(text);
    default:
      return text;
  }
}

interface Document {
  root: string | null;
  methodName: string | null;
  params: XmlRpcValue[];
  sawParams: boolean;
  fault: XmlRpcValue | undefined;
  sawFault: boolean;
}

/** Which parent each element may appear in. */
const ALLOWED_PARENTS: Record<string, readonly (string | null)[]> = {
  methodCall: [null],
  methodResponse: [null],
  methodName: ['methodCall'],
  params: ['methodCall', 'methodResponse'],
  param: ['params'],
  fault: ['methodResponse'],
  value: ['param', 'fault', 'data', 'member'],
  array: ['value'],
  data: ['array'],
  struct: ['value'],
  member: ['struct'],
  name: ['member'],
  nil: ['value'],
};

function parseDocument(xml: string | Buffer, options: DecodeOptions): Document {
  const text = typeof xml === 'string' ? xml : xml.toString('utf8');
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const stack: Frame[] = [];
  const doc: Document = { root: null, methodName: null, params: [], sawParams: false, fault: undefined, sawFault: false };

  const fail = (message: string): never => {
    throw new XmlRpcDecodeError(`${message} (line ${parser.line + 1}, column ${parser.column + 1})`);
  };

  const deliverValue = (value: XmlRpcValue): void => {
    const parent = stack[stack.length - 1];
    switch (parent.tag) {
      case 'param':
        if (parent.hasValue) fail('<param> holds more than one <value>');
        parent.hasValue = true;
        doc.params.push(value);
        break;
      case 'fault':
        if (parent.hasValue) fail('<fault> holds more than one <value>');
        parent.hasValue = true;
        doc.fault = value;
        break;
      case 'data':
        parent.items!.push(value);
        break;
      case 'member':
        if (parent.memberHasValue) fail('<member> holds more than one <value>');
        parent.memberHasValue = true;
        parent.memberValue = value;
        break;
      default:
        fail(`<value> not allowed inside <${parent.tag}>`);
    }
  };

  parser.ondoctype = () => fail('DOCTYPE is not allowed in XML-RPC');
  parser.onerror = (error: Error) => fail(`malformed XML: ${error.message.split('\n')[0]}`);
  parser.onopentag = (node) => {
    const tag = node.name;
    const parent = stack.length > 0 ? stack[stack.length - 1] : null;
    const parentTag = parent ? parent.tag : null;
    if (parentTag === null && doc.root !== null) fail('more than one root element');
    if (SCALAR_TYPES.has(tag) || (parentTag === 'value' && !(tag in ALLOWED_PARENTS))) {
      // A typed scalar (or an unknown type, read as its text) directly inside <value>.
      if (parentTag !== 'value') fail(`<${tag}> not allowed here`);
    } else {
      const allowed = ALLOWED_PARENTS[tag];
      if (!allowed) fail(`unexpected element <${tag}>`);
      if (!allowed.includes(parentTag)) fail(`<${tag}> not allowed ${parentTag ? `inside <${parentTag}>` : 'at the top level'}`);
    }
    if (parentTag === 'value') {
      if (parent!.hasValue) fail('<value> holds more than one type element');
    }
    if (parentTag === null) doc.root = tag;
    if (tag === 'params') doc.sawParams = true;
    if (tag === 'fault') doc.sawFault = true;
    const frame: Frame = { tag, text: '' };
    if (tag === 'data') frame.items = [];
    if (tag === 'struct') frame.struct = {};
    stack.push(frame);
  };
  const onText = (chunk: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += chunk;
    else if (chunk.trim() !== '') fail('text outside the root element');
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onclosetag = (tag: string) => {
    const frame = stack.pop()!;
    const parent = stack.length > 0 ? stack[stack.length - 1] : null;
    switch (tag) {
      case 'methodName':
        doc.methodName = frame.text;
        return;
      case 'value':
        deliverValue(frame.hasValue ? frame.value! : frame.text);
        return;
      case 'array':
        parent!.value = frame.value ?? [];
        parent!.hasValue = true;
        return;
      case 'data':
        parent!.value = frame.items!;
        return;
      case 'struct':
        parent!.value = frame.struct!;
        parent!.hasValue = true;
        return;
      case 'member':
        if (frame.memberName === undefined) fail('<member> without <name>');
        if (!frame.memberHasValue) fail('<member> without <value>');
        parent!.struct![frame.memberName!] = frame.memberValue!;
        return;
      case 'name':
        parent!.memberName = frame.text;
        return;
      case 'nil':
        parent!.value = null;
        parent!.hasValue = true;
        return;
      case 'param':
        if (!frame.hasValue) fail('<param> without <value>');
        return;
      case 'fault':
        if (!frame.hasValue) fail('<fault> without <value>');
        return;
      default:
        if (parent && parent.tag === 'value') {
          parent.value = scalarValue(tag, frame.text, options);
          parent.hasValue = true;
        }
    }
  };

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlRpcDecodeError) throw error;
    throw new XmlRpcDecodeError(`malformed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (doc.root === null) throw new XmlRpcDecodeError('empty document');
  return doc;
}

/** Reads a `<methodCall>` (what a server receives). */
export function decodeMethodCall(xml: string | Buffer, options: DecodeOptions = {}): DecodedMethodCall {
  const doc = parseDocument(xml, options);
  if (doc.root !== 'methodCall') throw new XmlRpcDecodeError(`expected <methodCall>, found <${doc.root}>`);
  if (doc.methodName === null) throw new XmlRpcDecodeError('<methodCall> without <methodName>');
  return { kind: 'call', methodName: doc.methodName, params: doc.params };
}

/** Reads a `<methodResponse>` (what a client receives): a result or a fault. */
export function decodeMethodResponse(xml: string | Buffer, options: DecodeOptions = {}): DecodedResponse {
  const doc = parseDocument(xml, options);
  if (doc.root !== 'methodResponse') throw new XmlRpcDecodeError(`expected <methodResponse>, found <${doc.root}>`);
  if (doc.sawFault) {
    const fault = doc.fault;
    if (fault === null || typeof fault !== 'object' || Array.isArray(fault) || fault instanceof Date || fault instanceof XmlRpcBase64) {
      throw new XmlRpcDecodeError('<fault> does not hold a struct');
    }
    const { faultCode, faultString } = fault as XmlRpcStruct;
    if (typeof faultCode !== 'number' || typeof faultString !== 'string') {
      throw new XmlRpcDecodeError('<fault> struct lacks an int faultCode and a string faultString');
    }
    return { kind: 'fault', faultCode, faultString };
  }
  if (doc.params.length !== 1) throw new XmlRpcDecodeError(`<methodResponse> must hold exactly one <param>, found ${doc.params.length}`);
  return { kind: 'result', value: doc.params[0] };
}

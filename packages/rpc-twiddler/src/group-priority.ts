/**
 * The `priority` argument of `twiddler.addGroup`: anything Python's int() would take from an
 * XML-RPC value (an int, a boolean, a double, which is truncated, or a decimal string with optional
 * sign and surrounding whitespace).
 */
import { XmlRpcDouble, type XmlRpcValue } from '@supervisor-ts/protocol';
import { pythonRepr } from '@supervisor-ts/protocol';

export function parseGroupPriority(value: XmlRpcValue): { priority: number } | { error: string } {
  if (typeof value === 'boolean') return { priority: value ? 1 : 0 };
  if (typeof value === 'number' && Number.isFinite(value)) return { priority: Math.trunc(value) };
  if (value instanceof XmlRpcDouble && Number.isFinite(value.value)) return { priority: Math.trunc(value.value) };
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) {
    const priority = Number.parseInt(value.trim(), 10);
    if (Number.isSafeInteger(priority)) return { priority };
  }
  const shown = typeof value === 'string' ? pythonRepr(value) : 'a value of another type';
  return { error: `priority must be an integer, got ${shown}` };
}

/**
 * The `program_options` argument of addProgramToGroup: a struct, or an array of `[key, value]`
 * pairs, turned into the string dictionary a `[program:x]` section would hold.
 */
import { XmlRpcBase64, XmlRpcDouble, type XmlRpcStruct, type XmlRpcValue } from '@supervisor-ts/protocol';
import { incorrectParameters } from './twiddler-faults';
import { pythonStr } from './python-text';

function isStruct(value: XmlRpcValue): value is XmlRpcStruct {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof XmlRpcDouble) &&
    !(value instanceof XmlRpcBase64)
  );
}

function entriesOf(options: XmlRpcValue): Array<[string, XmlRpcValue]> {
  if (isStruct(options)) return Object.entries(options);
  if (Array.isArray(options)) {
    return options.map((pair) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
        throw incorrectParameters();
      }
      return [pair[0], pair[1]];
    });
  }
  throw incorrectParameters();
}

/**
 * Values keep Python's str() spelling (`0`, `True`, `False`), which every option parser accepts, so
 * that booleans and ints work for every key. A nil, array, struct, date or base64 value is refused.
 */
export function toProgramOptions(options: XmlRpcValue): Record<string, string> {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of entriesOf(options)) {
    if (value === null) {
      throw incorrectParameters(`program option '${key}' has no value (nil)`);
    }
    const text = pythonStr(value);
    if (text === null) {
      throw incorrectParameters(`program option '${key}' must be a string, an int or a boolean`);
    }
    pairs.push([key, text]);
  }
  // fromEntries defines own properties, so even a key such as `__proto__` stays a plain key.
  return Object.fromEntries(pairs);
}

/**
 * The `level` argument of `twiddler.log`: one of supervisord's four-letter level names (any case)
 * or exactly one of their numbers. Anything else is refused.
 */
import type { ExtensionLogLevel } from '@supervisor-ts/supervisord/extension';
import type { XmlRpcValue } from '@supervisor-ts/protocol';

const LEVEL_NUMBERS: ReadonlyArray<readonly [ExtensionLogLevel, number]> = [
  ['CRIT', 50],
  ['ERRO', 40],
  ['WARN', 30],
  ['INFO', 20],
  ['DEBG', 10],
  ['TRAC', 5],
  ['BLAT', 3],
];

export const DEFAULT_LOG_LEVEL = 20;

/** The level name for a `log` level argument, or null when the argument names no level. */
export function parseLogLevel(level: XmlRpcValue): ExtensionLogLevel | null {
  if (typeof level === 'string') {
    const upper = level.toUpperCase();
    const found = LEVEL_NUMBERS.find(([name]) => name === upper);
    return found ? found[0] : null;
  }
  if (typeof level === 'number' && Number.isInteger(level)) {
    const found = LEVEL_NUMBERS.find(([, number]) => number === level);
    return found ? found[0] : null;
  }
  return null;
}

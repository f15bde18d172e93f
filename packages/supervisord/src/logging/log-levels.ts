import type { LogLevelName } from '../config/types';

/** supervisord's level numbers: a message is written when its number is ≥ the configured one. */
export const LOG_LEVEL_NUMBERS: Readonly<Record<LogLevelName, number>> = {
  CRIT: 50,
  ERRO: 40,
  WARN: 30,
  INFO: 20,
  DEBG: 10,
  TRAC: 5,
  BLAT: 3,
};

/** The names accepted by `loglevel=` (lower case), mapped to the level names of log lines. */
export const LOG_LEVEL_BY_DESCRIPTION: Readonly<Record<string, LogLevelName>> = {
  critical: 'CRIT',
  error: 'ERRO',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBG',
  trace: 'TRAC',
  blather: 'BLAT',
};

export function isLogLevelName(value: string): value is LogLevelName {
  return Object.prototype.hasOwnProperty.call(LOG_LEVEL_NUMBERS, value);
}

/** Accepts a level name (`INFO`), a description (`info`, any case) or a number. */
export function toLevelNumber(level: LogLevelName | string | number): number {
  if (typeof level === 'number') return level;
  if (isLogLevelName(level)) return LOG_LEVEL_NUMBERS[level];
  const name = LOG_LEVEL_BY_DESCRIPTION[level.toLowerCase()];
  if (name === undefined) throw new Error(`bad logging level name '${level}'`);
  return LOG_LEVEL_NUMBERS[name];
}

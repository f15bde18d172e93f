export { RotatingFile, type RotatingFileOptions } from './rotating-file';
export { flushPendingLogWrites, LOG_WRITE_DELAY_MS } from './pending-log-writes';
export { Logger, createMainLogger, formatLogTime, type LoggerOptions } from './logger';
export { LOG_LEVEL_NUMBERS, LOG_LEVEL_BY_DESCRIPTION, toLevelNumber, isLogLevelName } from './log-levels';
export {
  OutputChannel,
  BEGIN_TOKEN,
  END_TOKEN,
  type ChildOutputEvent,
  type OutputChannelOptions,
  type OutputChannelName,
} from './child-output';
export { resolveAutoLogPath, cleanupAutoLogs, autoLogPattern, type AutoLogCleanup } from './auto-log-name';
export { readLog, tailLog, LogReadError, type TailResult } from './log-reader';
export { SyslogWriter, sharedSyslogWriter, type SyslogWriterOptions } from './syslog-writer';
export { stripAnsi } from './strip-ansi';
export { decodeUtf8OrRepr } from './decode-utf8';

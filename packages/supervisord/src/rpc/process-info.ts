/** The process-info struct of getProcessInfo/getAllProcessInfo, and its description texts. */
import { ProcessStates, type ProcessInfo } from '@supervisor-ts/protocol';
import type { ProcessConfig } from '../config/types';
import type { ProcessView } from '../supervision/model';

/**
 * Everything a process-info struct is made from, besides the time. What reads it (and the cache
 * of encoded answers, which compares exactly these fields) must not look at anything else.
 */
export type ProcessInfoSource = Pick<
  ProcessView,
  'name' | 'group' | 'state' | 'pid' | 'startTime' | 'stopTime' | 'spawnerr' | 'exitstatus' | 'stdoutLogPath' | 'stderrLogPath'
> & { readonly config: Pick<ProcessConfig, 'redirect_stderr'> };

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Whole seconds, kept inside the XML-RPC int range. */
export function cappedSeconds(epochSeconds: number): number {
  return Math.min(INT32_MAX, Math.max(INT32_MIN, Math.trunc(epochSeconds)));
}

const two = (n: number) => String(n).padStart(2, '0');

/** An uptime as Python prints a timedelta: `0:00:19`, `12:03:04`, `1 day, 0:00:05`, `3 days, 4:05:06`. */
export function formatUptime(seconds: number): string {
  const total = Math.max(0, Math.trunc(seconds));
  const days = Math.floor(total / 86400);
  const rest = total % 86400;
  const clock = `${Math.floor(rest / 3600)}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
  if (days === 0) return clock;
  return `${days} ${days === 1 ? 'day' : 'days'}, ${clock}`;
}

/** `%b %d %I:%M %p` in local time, C locale: `Nov 22 03:28 AM`. */
export function formatStopTime(epochSeconds: number): string {
  const date = new Date(Math.trunc(epochSeconds) * 1000);
  const hours = date.getHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${MONTHS[date.getMonth()]} ${two(date.getDate())} ${two(hour12)}:${two(date.getMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** The `description` member for a process in its current state. */
export function describeProcess(view: ProcessInfoSource, nowSeconds: number): string {
  switch (view.state) {
    case 'RUNNING':
      return `pid ${view.pid}, uptime ${formatUptime(Math.trunc(nowSeconds) - Math.trunc(view.startTime))}`;
    case 'FATAL':
    case 'BACKOFF':
      return view.spawnerr !== '' ? view.spawnerr : `unknown error (try "tail ${view.name}")`;
    case 'STOPPED':
    case 'EXITED':
      return cappedSeconds(view.startTime) !== 0 ? formatStopTime(view.stopTime) : 'Not started';
    default:
      return '';
  }
}

export function buildProcessInfo(view: ProcessInfoSource, nowSeconds: number = Date.now() / 1000): ProcessInfo {
  const stdout = view.stdoutLogPath ?? '';
  const stderr = view.config.redirect_stderr ? '' : (view.stderrLogPath ?? '');
  return {
    name: view.name,
    group: view.group,
    start: cappedSeconds(view.startTime),
    stop: cappedSeconds(view.stopTime),
    now: cappedSeconds(nowSeconds),
    state: ProcessStates[view.state],
    statename: view.state,
    spawnerr: view.spawnerr,
    exitstatus: view.exitstatus,
    logfile: stdout,
    stdout_logfile: stdout,
    stderr_logfile: stderr,
    pid: view.pid,
    description: describeProcess(view, nowSeconds),
  };
}

/** How a child ended, described as upstream's log lines do. */
import type { ChildExit } from '../os/ports';

/** The exit code upstream records: the code, or -1 when a signal ended the process. */
export function exitCodeOf(exit: ChildExit): number {
  return exit.code ?? -1;
}

/** `exit status N` or `terminated by SIGNAME`. */
export function describeExit(exit: ChildExit): string {
  if (exit.signal !== null) return `terminated by ${exit.signal}`;
  if (exit.code !== null) return `exit status ${exit.code}`;
  return 'unknown termination cause';
}

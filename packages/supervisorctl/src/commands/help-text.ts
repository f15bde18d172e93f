import type { Controller } from '../controller';
import { ExitStatus } from '../exit-status';

/** Prints a command's help lines. */
export function printHelp(ctl: Controller, lines: readonly string[]): void {
  for (const line of lines) ctl.output(line);
}

/** A command used wrongly: the error line, a failing exit status, then the command's help. */
export function usageError(ctl: Controller, message: string, lines: readonly string[]): void {
  ctl.output(message);
  ctl.exitStatus = ExitStatus.GENERIC;
  printHelp(ctl, lines);
}

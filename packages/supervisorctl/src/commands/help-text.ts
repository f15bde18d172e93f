import type { Controller } from '../controller';

/** Prints a command's help lines. */
export function printHelp(ctl: Controller, lines: readonly string[]): void {
  for (const line of lines) ctl.output(line);
}

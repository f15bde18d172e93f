import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { makeNamespec, splitNamespec, splitWords } from '../namespec';
import { clearResultLine, faultAsResult } from '../result-lines';
import type { ProcessResult } from '../supervisor-api';
import { usageError } from './help-text';

const HELP = [
  "clear <name>\t\tClear a process' log files.",
  "clear <name> <name>\tClear multiple process' log files",
  "clear all\t\tClear all process' log files",
];

export const clearCommand: CommandDefinition = {
  name: 'clear',
  help: HELP,
  completes: 'processes',
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = splitWords(arg);
    if (names.length === 0) {
      usageError(ctl, 'Error: clear requires a process name', HELP);
      return;
    }
    if (names.includes('all')) {
      for (const result of await ctl.call<ProcessResult[]>('supervisor.clearAllProcessLogs')) {
        ctl.output(clearResultLine(result));
        ctl.setExitStatusFromFault(result.status);
      }
      return;
    }
    for (const name of names) {
      const { group, process } = splitNamespec(name);
      try {
        await ctl.call('supervisor.clearProcessLogs', name);
      } catch (error) {
        const result = faultAsResult(error, group, process);
        if (result === null) throw error;
        ctl.output(clearResultLine(result));
        ctl.setExitStatusFromFault(result.status);
        continue;
      }
      ctl.output(`${makeNamespec(group, process)}: cleared`);
    }
  },
};

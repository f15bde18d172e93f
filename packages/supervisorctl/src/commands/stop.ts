import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition, Controller } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { makeNamespec, splitNamespec, splitWords } from '../namespec';
import { faultAsResult, stopResultLine } from '../result-lines';
import type { ProcessResult } from '../supervisor-api';
import { usageError } from './help-text';

const HELP = [
  'stop <name>\t\tStop a process',
  'stop <gname>:*\t\tStop all processes in a group',
  'stop <name> <name>\tStop multiple processes or groups',
  'stop all\t\tStop all processes',
];

function report(ctl: Controller, results: readonly ProcessResult[]): void {
  for (const result of results) {
    ctl.output(stopResultLine(result));
    ctl.setExitStatusFromFault(result.status, Faults.NOT_RUNNING);
  }
}

export async function stopProcesses(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = splitWords(arg);
  if (names.length === 0) {
    usageError(ctl, 'Error: stop requires a process name', HELP);
    return;
  }
  if (names.includes('all')) {
    report(ctl, await ctl.call<ProcessResult[]>('supervisor.stopAllProcesses'));
    return;
  }
  for (const name of names) {
    const { group, process } = splitNamespec(name);
    if (process === null) {
      try {
        report(ctl, await ctl.call<ProcessResult[]>('supervisor.stopProcessGroup', group));
      } catch (error) {
        ctl.exitStatus = ExitStatus.GENERIC;
        if (asFault(error)?.faultCode !== Faults.BAD_NAME) throw error;
        ctl.output(`${group}: ERROR (no such group)`);
      }
      continue;
    }
    try {
      await ctl.call('supervisor.stopProcess', name);
    } catch (error) {
      const result = faultAsResult(error, group, process);
      if (result === null) throw error;
      ctl.output(stopResultLine(result));
      ctl.setExitStatusFromFault(result.status, Faults.NOT_RUNNING);
      continue;
    }
    ctl.output(`${makeNamespec(group, process)}: stopped`);
  }
}

export const stopCommand: CommandDefinition = {
  name: 'stop',
  help: HELP,
  completes: 'processes',
  run: stopProcesses,
};

import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition, Controller } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { makeNamespec, splitNamespec, splitWords } from '../namespec';
import { faultAsResult, startResultLine } from '../result-lines';
import type { ProcessResult } from '../supervisor-api';
import { printHelp } from './help-text';

const HELP = [
  'start <name>\t\tStart a process',
  'start <gname>:*\t\tStart all processes in a group',
  'start <name> <name>\tStart multiple processes or groups',
  'start all\t\tStart all processes',
];

function report(ctl: Controller, results: readonly ProcessResult[]): void {
  for (const result of results) {
    ctl.output(startResultLine(result));
    ctl.setExitStatusFromFault(result.status, Faults.ALREADY_STARTED);
  }
}

export async function startProcesses(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = splitWords(arg);
  if (names.length === 0) {
    ctl.output('Error: start requires a process name');
    ctl.exitStatus = ExitStatus.INVALID_ARGS;
    printHelp(ctl, HELP);
    return;
  }
  if (names.includes('all')) {
    report(ctl, await ctl.call<ProcessResult[]>('supervisor.startAllProcesses'));
    return;
  }
  for (const name of names) {
    const { group, process } = splitNamespec(name);
    if (process === null) {
      try {
        report(ctl, await ctl.call<ProcessResult[]>('supervisor.startProcessGroup', group));
      } catch (error) {
        if (asFault(error)?.faultCode !== Faults.BAD_NAME) {
          ctl.exitStatus = ExitStatus.GENERIC;
          throw error;
        }
        ctl.output(`${group}: ERROR (no such group)`);
        ctl.exitStatus = ExitStatus.INVALID_ARGS;
      }
      continue;
    }
    try {
      await ctl.call('supervisor.startProcess', name);
    } catch (error) {
      const result = faultAsResult(error, group, process);
      if (result === null) throw error;
      ctl.output(startResultLine(result));
      ctl.setExitStatusFromFault(result.status, Faults.ALREADY_STARTED);
      continue;
    }
    ctl.output(`${makeNamespec(group, process)}: started`);
  }
}

export const startCommand: CommandDefinition = {
  name: 'start',
  help: HELP,
  completes: 'processes',
  run: startProcesses,
};

import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition, Controller } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { makeNamespec, splitNamespec, splitWords } from '../namespec';
import { faultAsResult, signalResultLine } from '../result-lines';
import type { ProcessResult } from '../supervisor-api';
import { printHelp } from './help-text';

const HELP = [
  'signal <signal name> <name>\t\tSignal a process',
  'signal <signal name> <gname>:*\t\tSignal all processes in a group',
  'signal <signal name> <name> <name>\tSignal multiple processes or groups',
  'signal <signal name> all\t\tSignal all processes',
];

function report(ctl: Controller, results: readonly ProcessResult[]): void {
  for (const result of results) {
    ctl.output(signalResultLine(result));
    ctl.setExitStatusFromFault(result.status);
  }
}

export const signalCommand: CommandDefinition = {
  name: 'signal',
  help: HELP,
  completes: 'processes',
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const words = splitWords(arg);
    if (words.length < 2) {
      ctl.output('Error: signal requires a signal name and a process name');
      printHelp(ctl, HELP);
      ctl.exitStatus = ExitStatus.GENERIC;
      return;
    }
    const [signal, ...names] = words;
    if (names.includes('all')) {
      report(ctl, await ctl.call<ProcessResult[]>('supervisor.signalAllProcesses', signal));
      return;
    }
    for (const name of names) {
      const { group, process } = splitNamespec(name);
      if (process === null) {
        try {
          report(ctl, await ctl.call<ProcessResult[]>('supervisor.signalProcessGroup', group, signal));
        } catch (error) {
          if (asFault(error)?.faultCode !== Faults.BAD_NAME) throw error;
          ctl.output(`${group}: ERROR (no such group)`);
          ctl.exitStatus = ExitStatus.GENERIC;
        }
        continue;
      }
      try {
        await ctl.call('supervisor.signalProcess', name, signal);
      } catch (error) {
        const result = faultAsResult(error, group, process);
        if (result === null) throw error;
        ctl.output(signalResultLine(result));
        ctl.setExitStatusFromFault(result.status);
        continue;
      }
      ctl.output(`${makeNamespec(group, process)}: signalled`);
    }
  },
};

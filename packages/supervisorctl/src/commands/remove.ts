import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { splitWords } from '../namespec';

export const removeCommand: CommandDefinition = {
  name: 'remove',
  help: ['remove <name> [...]\tRemoves process/group from active config'],
  completes: 'groups',
  async run(ctl, arg) {
    for (const name of splitWords(arg)) {
      try {
        await ctl.call('supervisor.removeProcessGroup', name);
      } catch (error) {
        const fault = asFault(error);
        if (fault === null) throw error;
        ctl.exitStatus = ExitStatus.GENERIC;
        if (fault.faultCode === Faults.STILL_RUNNING) ctl.output(`ERROR: process/group still running: ${name}`);
        else if (fault.faultCode === Faults.BAD_NAME) ctl.output(`ERROR: no such process/group: ${name}`);
        else throw error;
        continue;
      }
      ctl.output(`${name}: removed process group`);
    }
  },
};

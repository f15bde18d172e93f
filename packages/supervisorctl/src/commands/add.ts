import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { splitWords } from '../namespec';

export const addCommand: CommandDefinition = {
  name: 'add',
  help: ['add <name> [...]\tActivates any updates in config for process/group'],
  completes: 'groups',
  async run(ctl, arg) {
    for (const name of splitWords(arg)) {
      try {
        await ctl.call('supervisor.addProcessGroup', name);
      } catch (error) {
        const fault = asFault(error);
        if (fault === null) throw error;
        if (fault.faultCode === Faults.SHUTDOWN_STATE) {
          ctl.output('ERROR: shutting down');
          ctl.exitStatus = ExitStatus.GENERIC;
        } else if (fault.faultCode === Faults.ALREADY_ADDED) {
          ctl.output('ERROR: process group already active');
        } else if (fault.faultCode === Faults.BAD_NAME) {
          ctl.output(`ERROR: no such process/group: ${name}`);
          ctl.exitStatus = ExitStatus.GENERIC;
        } else {
          ctl.exitStatus = ExitStatus.GENERIC;
          throw error;
        }
        continue;
      }
      ctl.output(`${name}: added process group`);
    }
  },
};

import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { usageError } from './help-text';
import { confirmed } from './confirm';

const HELP = ['reload \t\tRestart the remote supervisord.'];

export const reloadCommand: CommandDefinition = {
  name: 'reload',
  help: HELP,
  async run(ctl, arg) {
    if (arg !== '') {
      usageError(ctl, 'Error: reload accepts no arguments', HELP);
      return;
    }
    if (!(await confirmed(ctl, 'Really restart the remote supervisord process y/N? '))) return;
    try {
      await ctl.call('supervisor.restart');
    } catch (error) {
      const fault = asFault(error);
      if (fault === null) throw error;
      ctl.exitStatus = ExitStatus.GENERIC;
      if (fault.faultCode !== Faults.SHUTDOWN_STATE) throw error;
      ctl.output('ERROR: already shutting down');
      return;
    }
    ctl.output('Restarted supervisord');
  },
};

import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault, httpStatusOf, systemErrorCode } from '../failures';
import { usageError } from './help-text';
import { confirmed } from './confirm';

const HELP = ['shutdown \tShut the remote supervisord down.'];

export const shutdownCommand: CommandDefinition = {
  name: 'shutdown',
  help: HELP,
  async run(ctl, arg) {
    if (arg !== '') {
      usageError(ctl, 'Error: shutdown accepts no arguments', HELP);
      return;
    }
    if (!(await confirmed(ctl, 'Really shut the remote supervisord process down y/N? '))) return;
    try {
      await ctl.call('supervisor.shutdown');
    } catch (error) {
      const fault = asFault(error);
      if (fault !== null) {
        if (fault.faultCode !== Faults.SHUTDOWN_STATE) {
          ctl.exitStatus = ExitStatus.GENERIC;
          throw error;
        }
        ctl.output('ERROR: already shutting down');
        return;
      }
      if (httpStatusOf(error) !== null) throw error;
      const errno = systemErrorCode(error);
      if (errno === null) throw error;
      ctl.exitStatus = ExitStatus.GENERIC;
      if (errno === 'ECONNREFUSED') ctl.output(`ERROR: ${ctl.options.serverurl} refused connection (already shut down?)`);
      else if (errno === 'ENOENT') ctl.output(`ERROR: ${ctl.options.serverurl} no such file (already shut down?)`);
      else throw error;
      return;
    }
    ctl.output('Shut down');
  },
};

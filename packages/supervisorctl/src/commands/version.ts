import type { CommandDefinition } from '../controller';
import { usageError } from './help-text';

const HELP = ['version\t\t\tShow the version of the remote supervisord process'];

export const versionCommand: CommandDefinition = {
  name: 'version',
  help: HELP,
  async run(ctl, arg) {
    if (arg !== '') {
      usageError(ctl, 'Error: version accepts no arguments', HELP);
      return;
    }
    if (!(await ctl.upcheck())) return;
    ctl.output(String(await ctl.call('supervisor.getSupervisorVersion')));
  },
};

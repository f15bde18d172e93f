import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { printHelp } from './help-text';

const HELP = ['version\t\t\tShow the version of the remote supervisord process'];

export const versionCommand: CommandDefinition = {
  name: 'version',
  help: HELP,
  async run(ctl, arg) {
    if (arg !== '') {
      ctl.output('Error: version accepts no arguments');
      ctl.exitStatus = ExitStatus.GENERIC;
      printHelp(ctl, HELP);
      return;
    }
    if (!(await ctl.upcheck())) return;
    ctl.output(String(await ctl.call('supervisor.getSupervisorVersion')));
  },
};

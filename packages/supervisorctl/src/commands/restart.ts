import type { CommandDefinition } from '../controller';
import { splitWords } from '../namespec';
import { usageError } from './help-text';
import { startProcesses } from './start';
import { stopProcesses } from './stop';

const HELP = [
  'restart <name>\t\tRestart a process',
  'restart <gname>:*\tRestart all processes in a group',
  'restart <name> <name>\tRestart multiple processes or groups',
  'restart all\t\tRestart all processes',
  'Note: restart does not reread config files. For that, see reread and update.',
];

export const restartCommand: CommandDefinition = {
  name: 'restart',
  help: HELP,
  completes: 'processes',
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    if (splitWords(arg).length === 0) {
      usageError(ctl, 'Error: restart requires a process name', HELP);
      return;
    }
    await stopProcesses(ctl, arg);
    await startProcesses(ctl, arg);
  },
};

import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { followLog } from '../follow-log';
import { splitWords } from '../namespec';
import { usageError } from './help-text';
import { parseByteCount } from './tail';

const HELP = [
  'maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)',
  'maintail -100\tlast 100 *bytes* of supervisord main log file',
  'maintail\tlast 1600 *bytes* of supervisor main log file\n',
];

export const maintailCommand: CommandDefinition = {
  name: 'maintail',
  help: HELP,
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const args = splitWords(arg);
    let bytes = 1600;
    if (args.length > 1) {
      usageError(ctl, 'Error: too many arguments', HELP);
      return;
    }
    if (args.length === 1) {
      const parsed = args[0].startsWith('-') ? args[0].slice(1) : null;
      if (parsed === 'f') {
        await followLog(ctl, '/mainlogtail');
        return;
      }
      const count = parsed === null ? null : parseByteCount(parsed);
      if (count === null) {
        ctl.output(`Error: bad argument ${args[0]}`);
        ctl.exitStatus = ExitStatus.GENERIC;
        return;
      }
      bytes = count;
    }
    let text: string;
    try {
      text = await ctl.call<string>('supervisor.readLog', -bytes, 0);
    } catch (error) {
      const fault = asFault(error);
      if (fault === null) throw error;
      ctl.exitStatus = ExitStatus.GENERIC;
      if (fault.faultCode === Faults.NO_FILE) ctl.output('supervisord: ERROR (no log file)');
      else if (fault.faultCode === Faults.FAILED) ctl.output('supervisord: ERROR (unknown error reading log)');
      else throw error;
      return;
    }
    ctl.output(text);
  },
};

import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { splitWords } from '../namespec';
import type { ProcessInfo } from '../supervisor-api';

export const pidCommand: CommandDefinition = {
  name: 'pid',
  help: [
    'pid\t\t\tGet the PID of supervisord.',
    'pid <name>\t\tGet the PID of a single child process by name.',
    'pid all\t\t\tGet the PID of every child process, one per line.',
  ],
  completes: 'processes',
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = splitWords(arg);
    if (names.length === 0) {
      ctl.output(String(await ctl.call('supervisor.getPID')));
      return;
    }
    if (names.includes('all')) {
      for (const info of await ctl.call<ProcessInfo[]>('supervisor.getAllProcessInfo')) ctl.output(String(info.pid));
      return;
    }
    for (const name of names) {
      let info: ProcessInfo;
      try {
        info = await ctl.call<ProcessInfo>('supervisor.getProcessInfo', name);
      } catch (error) {
        if (asFault(error) !== null) ctl.exitStatus = ExitStatus.GENERIC;
        if (asFault(error)?.faultCode !== Faults.BAD_NAME) throw error;
        ctl.output(`No such process ${name}`);
        continue;
      }
      ctl.output(String(info.pid));
      if (info.pid === 0) ctl.exitStatus = ExitStatus.NOT_RUNNING;
    }
  },
};

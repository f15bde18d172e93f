import { Faults } from '@supervisor-ts/protocol';
import type { XmlRpcStruct } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { makeNamespec } from '../namespec';
import { padRight } from '../text-layout';
import { usageError } from './help-text';

const HELP = ['avail\t\t\tDisplay all configured processes'];

/** One `avail` line: namespec in 32 columns, `in use`/`avail` and `auto`/`manual` in 9, priorities. */
export function formatConfigInfo(info: XmlRpcStruct): string {
  const name = makeNamespec(String(info.group), String(info.name));
  const inUse = info.inuse ? 'in use' : 'avail';
  const autostart = info.autostart ? 'auto' : 'manual';
  return `${padRight(name, 32)} ${padRight(inUse, 9)} ${padRight(autostart, 9)} ${String(info.group_prio)}:${String(info.process_prio)}`;
}

export const availCommand: CommandDefinition = {
  name: 'avail',
  help: HELP,
  async run(ctl, arg) {
    if (arg !== '') {
      usageError(ctl, 'Error: avail accepts no arguments', HELP);
      return;
    }
    let infos: XmlRpcStruct[];
    try {
      infos = await ctl.call<XmlRpcStruct[]>('supervisor.getAllConfigInfo');
    } catch (error) {
      const fault = asFault(error);
      if (fault === null) throw error;
      ctl.exitStatus = ExitStatus.GENERIC;
      if (fault.faultCode !== Faults.SHUTDOWN_STATE) throw error;
      ctl.output('ERROR: supervisor shutting down');
      return;
    }
    for (const info of infos) ctl.output(formatConfigInfo(info));
  },
};

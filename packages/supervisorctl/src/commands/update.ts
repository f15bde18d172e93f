import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { splitWords } from '../namespec';
import type { ProcessInfo, ProcessResult } from '../supervisor-api';
import type { ConfigChanges } from './reread';

export const updateCommand: CommandDefinition = {
  name: 'update',
  help: [
    'update\t\t\tReload config and add/remove as necessary, and will restart affected programs',
    'update all\t\tReload config and add/remove as necessary, and will restart affected programs',
    'update <gname> [...]\tUpdate specific groups',
  ],
  completes: 'groups',
  async run(ctl, arg) {
    let result: ConfigChanges[];
    try {
      result = await ctl.call<ConfigChanges[]>('supervisor.reloadConfig');
    } catch (error) {
      const fault = asFault(error);
      if (fault === null) throw error;
      ctl.exitStatus = ExitStatus.GENERIC;
      if (fault.faultCode !== Faults.SHUTDOWN_STATE) throw error;
      ctl.output('ERROR: already shutting down');
      return;
    }
    const [added, changed, removed] = result[0];
    let wanted = new Set(splitWords(arg));
    if (wanted.has('all')) wanted = new Set();
    if (wanted.size > 0) {
      const known = new Set<string>(added);
      for (const info of await ctl.call<ProcessInfo[]>('supervisor.getAllProcessInfo')) known.add(info.group);
      for (const name of wanted) {
        if (!known.has(name)) {
          ctl.output(`ERROR: no such group: ${name}`);
          ctl.exitStatus = ExitStatus.GENERIC;
        }
      }
    }
    const selected = (group: string): boolean => wanted.size === 0 || wanted.has(group);
    for (const group of removed.filter(selected)) {
      const results = await ctl.call<ProcessResult[]>('supervisor.stopProcessGroup', group);
      ctl.output(`${group}: stopped`);
      if (results.some((entry) => entry.status === Faults.FAILED)) {
        ctl.output(`${group}: has problems; not removing`);
        ctl.exitStatus = ExitStatus.GENERIC;
        continue;
      }
      await ctl.call('supervisor.removeProcessGroup', group);
      ctl.output(`${group}: removed process group`);
    }
    for (const group of changed.filter(selected)) {
      await ctl.call('supervisor.stopProcessGroup', group);
      ctl.output(`${group}: stopped`);
      await ctl.call('supervisor.removeProcessGroup', group);
      await ctl.call('supervisor.addProcessGroup', group);
      ctl.output(`${group}: updated process group`);
    }
    for (const group of added.filter(selected)) {
      await ctl.call('supervisor.addProcessGroup', group);
      ctl.output(`${group}: added process group`);
    }
  },
};

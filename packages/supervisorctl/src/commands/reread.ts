import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { asFault } from '../failures';
import { usageError } from './help-text';

const HELP = ["reread \t\t\tReload the daemon's configuration files without add/remove"];

export type ConfigChanges = [string[], string[], string[]];

/** `<group>: available|changed|disappeared`, sorted by group name; a fixed line when nothing changed. */
export function formatChanges([added, changed, removed]: ConfigChanges): string[] {
  const kinds = new Map<string, string>();
  for (const [names, kind] of [
    [added, 'available'],
    [changed, 'changed'],
    [removed, 'disappeared'],
  ] as const) {
    for (const name of names) kinds.set(name, kind);
  }
  if (kinds.size === 0) return ['No config updates to processes'];
  return [...kinds.keys()].sort(comparePython).map((name) => `${name}: ${kinds.get(name)}`);
}

/** Code-point order, like Python's default string sort. */
export function comparePython(a: string, b: string): number {
  const left = [...a].map((ch) => ch.codePointAt(0) ?? 0);
  const right = [...b].map((ch) => ch.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) return left[i] - right[i];
  }
  return left.length - right.length;
}

export const rereadCommand: CommandDefinition = {
  name: 'reread',
  help: HELP,
  async run(ctl, arg) {
    if (arg !== '') {
      usageError(ctl, 'Error: reread accepts no arguments', HELP);
      return;
    }
    let result: ConfigChanges[];
    try {
      result = await ctl.call<ConfigChanges[]>('supervisor.reloadConfig');
    } catch (error) {
      const fault = asFault(error);
      if (fault === null) throw error;
      ctl.exitStatus = ExitStatus.GENERIC;
      if (fault.faultCode === Faults.SHUTDOWN_STATE) ctl.output('ERROR: supervisor shutting down');
      else if (fault.faultCode === Faults.CANT_REREAD) ctl.output(`ERROR: ${fault.faultString}`);
      else throw error;
      return;
    }
    for (const line of formatChanges(result[0])) ctl.output(line);
  },
};

import type { CommandDefinition, Controller } from '../controller';
import { makeNamespec, splitNamespec, splitWords } from '../namespec';
import { StatusExitStatus } from '../exit-status';
import type { ProcessInfo } from '../supervisor-api';
import { padRight } from '../text-layout';
import { ProcessStates } from '@supervisor-ts/protocol';

const STOPPED_STATES: readonly number[] = [
  ProcessStates.STOPPED,
  ProcessStates.EXITED,
  ProcessStates.FATAL,
  ProcessStates.UNKNOWN,
];

/** The status table: namespec column at least 33 wide, state in 10, then the description. */
export function formatStatusLines(infos: readonly ProcessInfo[]): string[] {
  const names = infos.map((info) => makeNamespec(info.group, info.name));
  const width = Math.max(30, ...names.map((name) => [...name].length)) + 3;
  return infos.map((info, index) => `${padRight(names[index], width)}${padRight(info.statename, 10)}${info.description}`);
}

export async function showStatus(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) {
    ctl.exitStatus = StatusExitStatus.UNKNOWN;
    return;
  }
  const all = await ctl.call<ProcessInfo[]>('supervisor.getAllProcessInfo');
  const names = splitWords(arg);
  let matching: ProcessInfo[];
  if (names.length === 0 || names.includes('all')) {
    matching = all;
  } else {
    matching = [];
    for (const name of names) {
      const { group, process } = splitNamespec(name);
      const found = all.filter((info) => info.group === group && (process === null || info.name === process));
      matching.push(...found);
      if (found.length === 0) {
        ctl.output(process === null ? `${group}: ERROR (no such group)` : `${name}: ERROR (no such process)`);
        ctl.exitStatus = StatusExitStatus.UNKNOWN;
      }
    }
  }
  for (const line of formatStatusLines(matching)) ctl.output(line);
  if (matching.some((info) => STOPPED_STATES.includes(info.state))) {
    ctl.exitStatus = StatusExitStatus.NOT_RUNNING;
  }
}

export const statusCommand: CommandDefinition = {
  name: 'status',
  help: [
    'status <name>\t\tGet status for a single process',
    'status <gname>:*\tGet status for all processes in a group',
    'status <name> <name>\tGet status for multiple named processes',
    'status\t\t\tGet all process status info',
  ],
  completes: 'processes',
  run: showStatus,
};

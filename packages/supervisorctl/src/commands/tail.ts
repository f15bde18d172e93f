import { Faults } from '@supervisor-ts/protocol';
import type { CommandDefinition } from '../controller';
import { ExitStatus } from '../exit-status';
import { pythonRepr } from '@supervisor-ts/protocol';
import { asFault } from '../failures';
import { followLog } from '../follow-log';
import { splitWords } from '../namespec';
import { usageError } from './help-text';

const HELP = [
  'tail [-f] <name> [stdout|stderr] (default stdout)',
  'Ex:',
  'tail -f <name>\t\tContinuous tail of named process stdout',
  '\t\t\tCtrl-C to exit.',
  'tail -100 <name>\tlast 100 *bytes* of process stdout',
  'tail <name> stderr\tlast 1600 *bytes* of process stderr',
];

/** Parses `-N` the way Python's int() would: optional sign, digits, surrounding blanks, underscores. */
export function parseByteCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(trimmed)) return null;
  return Number(trimmed.replace(/_/g, ''));
}

export const tailCommand: CommandDefinition = {
  name: 'tail',
  help: HELP,
  completes: 'processes',
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const args = splitWords(arg);
    if (args.length < 1 || args.length > 3) {
      usageError(ctl, args.length < 1 ? 'Error: too few arguments' : 'Error: too many arguments', HELP);
      return;
    }
    let modifier: string | null = null;
    if (args[0].startsWith('-')) modifier = args.shift() ?? null;
    let name: string;
    let channel = 'stdout';
    if (args.length === 1) {
      name = args[0];
    } else if (args.length > 0) {
      name = args[0];
      channel = args[args.length - 1].toLowerCase();
      if (channel !== 'stdout' && channel !== 'stderr') {
        ctl.output(`Error: bad channel ${pythonRepr(channel)}`);
        ctl.exitStatus = ExitStatus.GENERIC;
        return;
      }
    } else {
      ctl.output('Error: tail requires process name');
      ctl.exitStatus = ExitStatus.GENERIC;
      return;
    }
    let bytes: number | null = 1600;
    if (modifier !== null) {
      const what = modifier.slice(1);
      if (what === 'f') {
        bytes = null;
      } else {
        bytes = parseByteCount(what);
        if (bytes === null) {
          ctl.output(`Error: bad argument ${modifier}`);
          ctl.exitStatus = ExitStatus.GENERIC;
          return;
        }
      }
    }
    if (bytes === null) {
      await followLog(ctl, `/logtail/${name}/${channel}`);
      return;
    }
    const method = channel === 'stdout' ? 'supervisor.readProcessStdoutLog' : 'supervisor.readProcessStderrLog';
    let text: string;
    try {
      text = await ctl.call<string>(method, name, -bytes, 0);
    } catch (error) {
      const fault = asFault(error);
      if (fault === null) throw error;
      ctl.exitStatus = ExitStatus.GENERIC;
      if (fault.faultCode === Faults.NO_FILE) ctl.output(`${name}: ERROR (no log file)`);
      else if (fault.faultCode === Faults.FAILED) ctl.output(`${name}: ERROR (unknown error reading log)`);
      else if (fault.faultCode === Faults.BAD_NAME) ctl.output(`${name}: ERROR (no such process name)`);
      else throw error;
      return;
    }
    ctl.output(text);
  },
};

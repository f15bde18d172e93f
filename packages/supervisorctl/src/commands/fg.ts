import { Faults, ProcessStates } from '@supervisor-ts/protocol';
import type { CommandDefinition, Controller } from '../controller';
import { ExitStatus } from '../exit-status';
import { pythonRepr } from '@supervisor-ts/protocol';
import { asFault } from '../failures';
import { openLogStream } from '../follow-log';
import { splitWords } from '../namespec';
import type { ProcessInfo } from '../supervisor-api';
import { usageError } from './help-text';

const HELP = ['fg <process>\tConnect to a process in foreground mode', '\t\tCtrl-C to exit'];

function faultText(error: unknown): string {
  const fault = asFault(error);
  return fault === null ? String(error) : `<Fault ${fault.faultCode}: ${pythonRepr(fault.faultString)}>`;
}

/** Forwards typed lines to the process's stdin until Ctrl-C, end of input, or the process dies. */
async function forwardInput(ctl: Controller, name: string, abort: AbortSignal): Promise<void> {
  for (;;) {
    const line = await ctl.io.readLine('', abort);
    if (line === null) {
      ctl.output('Exiting foreground');
      return;
    }
    try {
      await ctl.call('supervisor.sendProcessStdin', name, `${line}\n`);
    } catch (error) {
      if (asFault(error) === null) throw error;
      ctl.output(asFault(error)?.faultCode === Faults.NOT_RUNNING ? 'Process got killed' : `ERROR: ${faultText(error)}`);
      ctl.output('Exiting foreground');
      return;
    }
    const info = await ctl.call<ProcessInfo>('supervisor.getProcessInfo', name);
    if (info.state !== ProcessStates.RUNNING) {
      ctl.output('Process got killed');
      ctl.output('Exiting foreground');
      return;
    }
  }
}

export const fgCommand: CommandDefinition = {
  name: 'fg',
  help: HELP,
  completes: 'processes',
  async run(ctl, arg) {
    if (!(await ctl.upcheck())) return;
    const names = splitWords(arg);
    if (names.length === 0) {
      usageError(ctl, 'ERROR: no process name supplied', HELP);
      return;
    }
    if (names.length > 1) {
      ctl.output('ERROR: too many process names supplied');
      ctl.exitStatus = ExitStatus.GENERIC;
      return;
    }
    const name = names[0];
    let info: ProcessInfo;
    try {
      info = await ctl.call<ProcessInfo>('supervisor.getProcessInfo', name);
    } catch (error) {
      const fault = asFault(error);
      if (fault === null) throw error;
      if (fault.faultCode === Faults.BAD_NAME) {
        ctl.output('ERROR: bad process name supplied');
        ctl.exitStatus = ExitStatus.GENERIC;
      } else {
        ctl.output(`ERROR: ${faultText(error)}`);
      }
      return;
    }
    if (info.state !== ProcessStates.RUNNING) {
      ctl.output('ERROR: process not running');
      ctl.exitStatus = ExitStatus.GENERIC;
      return;
    }
    ctl.output('==> Press Ctrl-C to exit <==');
    const streams = [openLogStream(ctl, `/logtail/${name}/stdout`), openLogStream(ctl, `/logtail/${name}/stderr`)];
    const abort = new AbortController();
    const stopListening = ctl.interrupts.listen(() => abort.abort());
    try {
      await forwardInput(ctl, name, abort.signal);
    } finally {
      stopListening();
      for (const stream of streams) stream.close();
    }
  },
};

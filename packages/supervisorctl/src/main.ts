import { ClientPool } from './api-factory';
import { USAGE_TEXT, UsageError, parseCommandLine } from './command-line';
import type { CommandLine } from './command-line';
import { defaultCommandTable } from './commands';
import { complete } from './completion';
import { Controller } from './controller';
import type { ControllerOptions } from './controller';
import { CtlConfigError, findConfigFile, readCtlSettings } from './ctl-settings';
import type { CtlSettings } from './ctl-settings';
import { LineInput, loadHistory, saveHistory } from './line-input';
import { httpLogStreamer } from './log-stream';
import { Shell } from './shell';
import type { TerminalIo } from './terminal-io';

const DEFAULT_SERVER_URL = 'http://localhost:9001';

/** Command line over config file over defaults. */
export function resolveOptions(commandLine: CommandLine, settings: CtlSettings): ControllerOptions {
  return {
    serverurl: commandLine.serverurl ?? settings.serverurl ?? DEFAULT_SERVER_URL,
    username: commandLine.username ?? settings.username ?? null,
    password: commandLine.password ?? settings.password ?? null,
    interactive: commandLine.interactive || commandLine.args.length === 0,
    prompt: settings.prompt ?? 'supervisor',
    historyFile: settings.historyFile ?? null,
  };
}

function usageFailure(argv0: string, message: string): number {
  process.stderr.write(`Error: ${message}\nFor help, use ${argv0} -h\n`);
  return 2;
}

/** Runs supervisorctl with `argv` (the words after the program name); resolves with the exit status. */
export async function run(argv: readonly string[], argv0: string): Promise<number> {
  let commandLine: CommandLine;
  let settings: CtlSettings = {};
  try {
    commandLine = parseCommandLine(argv);
    if (commandLine.help) {
      process.stdout.write(USAGE_TEXT(argv0));
      return 0;
    }
    const configFile = commandLine.configuration ?? findConfigFile(argv0, process.cwd());
    if (configFile !== null) settings = readCtlSettings(configFile);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CtlConfigError) return usageFailure(argv0, error.message);
    throw error;
  }
  const options = resolveOptions(commandLine, settings);
  const pool = new ClientPool();
  const shellMode = commandLine.args.length === 0;
  let input: LineInput | null = null;
  let controller: Controller | null = null;
  const inputFor = (): LineInput => {
    if (input === null) {
      input = new LineInput({
        input: process.stdin,
        output: process.stdout,
        completer: (line) => (controller === null ? Promise.resolve([[], line]) : complete(controller, line)),
        history: options.historyFile === null ? [] : loadHistory(options.historyFile),
      });
      // Ctrl-C typed at a terminal in raw mode reaches readline, not the signal handler.
      const lines = input;
      input.onInterrupt(() => {
        // Upstream's terminal echoes ^C while a command runs (cooked mode), but not while its
        // shell's readline reads a line (the prompt, fg input).
        const cooked = !(shellMode && lines.reading);
        if (controller?.interrupts.listening === true && cooked) io.write('^C');
        onSignal();
      });
    }
    return input;
  };
  const io: TerminalIo = {
    write: (data) => {
      process.stdout.write(data);
    },
    writeError: (text) => {
      process.stderr.write(text);
    },
    readLine: (prompt, signal) => inputFor().read(prompt, signal),
    readSecret: (prompt) => inputFor().readSecret(prompt),
  };
  const ctl = new Controller(options, io, pool.factory, httpLogStreamer, defaultCommandTable());
  controller = ctl;
  const shell = shellMode ? new Shell(ctl, inputFor()) : null;
  function onSignal(): void {
    if (shell !== null) {
      shell.interrupt();
      return;
    }
    if (ctl.interrupts.fire()) return;
    process.removeListener('SIGINT', onSignal);
    process.kill(process.pid, 'SIGINT');
  }
  process.on('SIGINT', onSignal);
  try {
    if (shell === null) {
      await ctl.onecmd(commandLine.args.join(' '));
      return ctl.exitStatus;
    }
    await shell.run();
    if (options.historyFile !== null) saveHistory(options.historyFile, inputFor().history());
    return 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
    (input as LineInput | null)?.close();
    pool.closeAll();
  }
}

/** The bin's entry point: runs and exits with the status. */
export function main(argv: string[]): void {
  const argv0 = process.argv[1] ?? 'supervisorctl';
  // A reader that went away (`supervisorctl status | head -1`) ends the run quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(1);
    throw error;
  });
  run(argv, argv0).then(
    (status) => process.exit(status),
    (error: unknown) => {
      process.stderr.write(`supervisorctl: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

import type { XmlRpcValue } from '@supervisor-ts/protocol';
import { Faults } from '@supervisor-ts/protocol';
import type { ApiFactory, ProcessInfo, ServerConnection, SupervisorApi } from './supervisor-api';
import type { TerminalIo } from './terminal-io';
import { InterruptGate } from './terminal-io';
import { ExitStatus } from './exit-status';
import { asFault, genericErrorLine, httpStatusOf, systemErrorCode } from './failures';
import type { LogStreamer } from './log-stream';

export const API_VERSION = '3.0';

export interface ControllerOptions extends ServerConnection {
  /** True in the shell, and with `-i`: shutdown and reload then ask before acting. */
  interactive: boolean;
  prompt: string;
  historyFile: string | null;
}

/** One command: its words, its help lines, how its arguments complete, and what it does. */
export interface CommandDefinition {
  name: string;
  /** Exactly the text `help <name>` prints (lines without their trailing newline). */
  help: readonly string[];
  /** What Tab offers for the words after the command. */
  completes?: 'processes' | 'groups' | 'commands';
  /** Runs the command; returns true when the shell should end. */
  run(ctl: Controller, arg: string): Promise<boolean | void>;
}

export type CommandTable = ReadonlyMap<string, CommandDefinition>;

/** What a command line's first word is, and the rest, split the way Python's `cmd` module does. */
export function parseCommandLine(raw: string): { command: string | null; arg: string; line: string } {
  let line = raw.trim();
  if (line === '') return { command: null, arg: '', line };
  if (line.startsWith('?')) line = `help ${line.slice(1)}`;
  const match = /^[A-Za-z0-9_]*/.exec(line);
  const command = match === null ? '' : match[0];
  return { command, arg: line.slice(command.length).trim(), line };
}

/**
 * The state of one supervisorctl session: options, the exit status (last writer wins), and the
 * helpers shared by the commands (output, the up-check, the RPC proxy).
 */
export class Controller {
  exitStatus: number = ExitStatus.SUCCESS;
  readonly interrupts = new InterruptGate();
  private completionCache: ProcessInfo[] | null = null;

  constructor(
    readonly options: ControllerOptions,
    readonly io: TerminalIo,
    private readonly apiFactory: ApiFactory,
    readonly logStreamer: LogStreamer,
    private readonly commands: CommandTable,
  ) {}

  get commandTable(): CommandTable {
    return this.commands;
  }

  output(text: string): void {
    this.io.write(`${text}\n`);
  }

  api(): SupervisorApi {
    return this.apiFactory({
      serverurl: this.options.serverurl,
      username: this.options.username,
      password: this.options.password,
    });
  }

  async call<T = XmlRpcValue>(method: string, ...params: XmlRpcValue[]): Promise<T> {
    return (await this.api().call(method, ...params)) as T;
  }

  setExitStatusFromFault(code: number, ignored?: number): void {
    if (code === ignored || code === Faults.SUCCESS) return;
    if (code === Faults.SPAWN_ERROR || code === Faults.ABNORMAL_TERMINATION || code === Faults.NOT_RUNNING) {
      this.exitStatus = ExitStatus.NOT_RUNNING;
    } else {
      this.exitStatus = ExitStatus.GENERIC;
    }
  }

  /** Checks that a supervisord speaking API 3.0 answers; prints why not and returns false otherwise. */
  async upcheck(): Promise<boolean> {
    try {
      const version = await this.call('supervisor.getVersion');
      if (version !== API_VERSION) {
        this.output(
          `Sorry, this version of supervisorctl expects to talk to a server with API version ${API_VERSION}, ` +
            `but the remote version is ${String(version)}.`,
        );
        this.exitStatus = ExitStatus.NOT_INSTALLED;
        return false;
      }
    } catch (error) {
      const fault = asFault(error);
      if (fault !== null) {
        if (fault.faultCode === Faults.UNKNOWN_METHOD) {
          this.output(
            'Sorry, supervisord responded but did not recognize the supervisor namespace commands that ' +
              'supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is ' +
              'enabled in the configuration file (see sample.conf).',
          );
          this.exitStatus = ExitStatus.UNIMPLEMENTED_FEATURE;
          return false;
        }
        this.exitStatus = ExitStatus.GENERIC;
        throw error;
      }
      if (httpStatusOf(error) === null) {
        const errno = systemErrorCode(error);
        if (errno === 'ECONNREFUSED') {
          this.output(`${this.options.serverurl} refused connection`);
          this.exitStatus = ExitStatus.INSUFFICIENT_PRIVILEGES;
          return false;
        }
        if (errno === 'ENOENT') {
          this.output(`${this.options.serverurl} no such file`);
          this.exitStatus = ExitStatus.NOT_RUNNING;
          return false;
        }
        if (errno !== null) this.exitStatus = ExitStatus.GENERIC;
      }
      throw error;
    }
    return true;
  }

  /** Process infos for Tab completion, fetched once per command line. */
  async completionInfo(): Promise<ProcessInfo[]> {
    if (this.completionCache === null) {
      this.completionCache = await this.call<ProcessInfo[]>('supervisor.getAllProcessInfo');
    }
    return this.completionCache;
  }

  /** Runs one command line; returns true when the shell should end. */
  async onecmd(raw: string): Promise<boolean> {
    const { command, arg, line } = parseCommandLine(raw);
    if (line === '') return false;
    this.completionCache = null;
    const definition = command === null || command === '' ? undefined : this.commands.get(command);
    if (definition === undefined) {
      this.output(`*** Unknown syntax: ${line}`);
      this.exitStatus = ExitStatus.GENERIC;
      return false;
    }
    try {
      try {
        return (await definition.run(this, arg)) === true;
      } catch (error) {
        if (httpStatusOf(error) !== 401) {
          this.exitStatus = ExitStatus.GENERIC;
          throw error;
        }
        this.output('Server requires authentication');
        if (this.options.interactive) {
          const username = await this.io.readLine('Username:');
          const password = await this.io.readSecret('Password:');
          this.output('');
          this.options.username = username ?? '';
          this.options.password = password ?? '';
          return await this.onecmd(line);
        }
        this.exitStatus = ExitStatus.GENERIC;
      }
      // Upstream tries the command once more after reporting the refusal; so does this client.
      await definition.run(this, arg);
    } catch (error) {
      this.output(genericErrorLine(error));
      this.exitStatus = ExitStatus.GENERIC;
    }
    return false;
  }
}

/** A scripted SupervisorApi and TerminalIo for unit tests of commands (no sockets). */
import { RpcFault, type XmlRpcValue } from '@supervisor-ts/protocol';
import { defaultCommandTable } from '../src/commands';
import { Controller, type ControllerOptions } from '../src/controller';
import type { LogStreamer } from '../src/log-stream';
import type { SupervisorApi } from '../src/supervisor-api';
import type { TerminalIo } from '../src/terminal-io';

export type Handler = (...params: XmlRpcValue[]) => XmlRpcValue | Promise<XmlRpcValue>;

export class FakeServer implements SupervisorApi {
  readonly calls: string[] = [];
  constructor(public handlers: Record<string, Handler>) {}

  async call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    this.calls.push(method);
    const handler = this.handlers[method];
    if (handler === undefined) throw new RpcFault(1, null);
    return handler(...params);
  }
}

export class ScriptedIo implements TerminalIo {
  stdout = '';
  stderr = '';
  constructor(private readonly answers: string[] = []) {}
  write(data: string | Buffer): void {
    this.stdout += data.toString();
  }
  writeError(text: string): void {
    this.stderr += text;
  }
  async readLine(prompt: string): Promise<string | null> {
    this.stdout += prompt;
    return this.answers.shift() ?? null;
  }
  async readSecret(prompt: string): Promise<string | null> {
    this.stdout += prompt;
    return this.answers.shift() ?? null;
  }
}

const noStreams: LogStreamer = () => {
  throw new Error('no log streams in unit tests');
};

export function makeController(
  server: FakeServer,
  options: Partial<ControllerOptions> = {},
  answers: string[] = [],
): { ctl: Controller; io: ScriptedIo } {
  const io = new ScriptedIo(answers);
  const ctl = new Controller(
    { serverurl: 'unix:///tmp/x.sock', username: null, password: null, interactive: false, prompt: 'supervisor', historyFile: null, ...options },
    io,
    () => server,
    noStreams,
    defaultCommandTable(),
  );
  return { ctl, io };
}

export function info(group: string, name: string, statename: string, extra: Record<string, XmlRpcValue> = {}): Record<string, XmlRpcValue> {
  const codes: Record<string, number> = { STOPPED: 0, STARTING: 10, RUNNING: 20, BACKOFF: 30, STOPPING: 40, EXITED: 100, FATAL: 200 };
  return { name, group, state: codes[statename], statename, pid: statename === 'RUNNING' ? 42 : 0, description: '', ...extra };
}

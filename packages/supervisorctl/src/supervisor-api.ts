import type { XmlRpcValue } from '@supervisor-ts/protocol';

/** What the commands need from an XML-RPC connection to supervisord. */
export interface SupervisorApi {
  call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue>;
}

/** Where and as whom to connect; the shell may change these during a session (`open`, 401 prompt). */
export interface ServerConnection {
  serverurl: string;
  username: string | null;
  password: string | null;
}

export type ApiFactory = (connection: ServerConnection) => SupervisorApi;

/** A process-info struct as returned by getProcessInfo / getAllProcessInfo. */
export interface ProcessInfo {
  name: string;
  group: string;
  state: number;
  statename: string;
  pid: number;
  description: string;
  [key: string]: XmlRpcValue;
}

/** One element of the result arrays of start/stop/signal/clear group and all operations. */
export interface ProcessResult {
  name: string | null;
  group: string;
  status: number;
  description: string;
}

/** The project's XML-RPC client (built), used for setup and correctness checks, not for load. */
import type { XmlRpcValue } from '@supervisor-ts/protocol';
import { XmlRpcClient } from '../../packages/supervisorctl/dist/rpc/client';

export { XmlRpcClient };

export interface ProcessInfoLite {
  name: string;
  group: string;
  statename: string;
  pid: number;
}

export function asProcessInfos(value: XmlRpcValue): ProcessInfoLite[] {
  if (!Array.isArray(value)) throw new Error('getAllProcessInfo did not return an array');
  return value.map((entry) => {
    const struct = entry as Record<string, XmlRpcValue>;
    return {
      name: String(struct.name),
      group: String(struct.group),
      statename: String(struct.statename),
      pid: Number(struct.pid),
    };
  });
}

export async function allProcessInfo(client: XmlRpcClient): Promise<ProcessInfoLite[]> {
  return asProcessInfos(await client.call('supervisor.getAllProcessInfo'));
}

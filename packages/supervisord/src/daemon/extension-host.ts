/** What `[rpcinterface:x]` plugins see of the running daemon (the ExtensionHost facade). */
import { processesFromProgramOptions } from '../config/load';
import type { ResolvedConfig } from '../config/types';
import type { ExtensionHost, ExtensionLogLevel } from '../extension';
import type { Logger } from '../logging/logger';
import { SUPERVISOR_VERSION } from '../rpc/namespaces/supervisor';
import type { Supervisor } from '../supervision/supervisor';

export function createExtensionHost(supervisor: Supervisor, config: ResolvedConfig, logger: Logger): ExtensionHost {
  const inetWithoutAuth = config.http_servers.some((server) => server.family === 'inet' && server.username === null);
  return {
    supervisorVersion: SUPERVISOR_VERSION,
    model: supervisor,
    log: (level: ExtensionLogLevel, message: string) => logger.log(level, message),
    servers: { inetWithoutAuth },
    addGroup: (name, priority) => supervisor.addEmptyGroup(name, priority),
    removeGroup: (name) => supervisor.removeGroupAtRuntime(name),
    addProgramToGroup: (group, program, options) => {
      const configs = processesFromProgramOptions({
        program,
        groupName: group,
        options,
        config: supervisor.resolvedConfig,
        source: config.configfile,
      });
      return supervisor.addProcessesToGroup(group, configs);
    },
    removeProcessFromGroup: (group, processName) => supervisor.removeProcessFromGroup(group, processName),
  };
}

/**
 * The network services of a running supervisor: the XML-RPC registry and the
 * `[unix_http_server]` / `[inet_http_server]` listeners. Started once the groups exist, closed at
 * shutdown and restart.
 */
import type { ResolvedConfig } from '../config/types';
import { createHttpRouter, startHttpServers } from '../http/http-servers';
import type { Logger } from '../logging/logger';
import { createRpcRegistry } from '../rpc/create-rpc-registry';
import { SUPERVISOR_VERSION } from '../rpc';
import { createCsrfToken } from '../web/csrf-token';
import { createWebUi, mountWebUi } from '../web';
import { createExtensionHost } from './extension-host';
import { StartupError } from './privileges';
import { loadRpcPlugins, MAIN_RPCINTERFACE_FACTORY } from './rpc-plugins';
import type { Supervisor } from '../supervision/supervisor';

/**
 * One web UI token for the life of the daemon process: pages opened before a restart (SIGHUP,
 * `restart()`) keep working after it.
 */
const webUiToken = createCsrfToken().value;

export interface RunningServices {
  close(): Promise<void>;
}

export async function startServices(supervisor: Supervisor, config: ResolvedConfig, logger: Logger): Promise<RunningServices> {
  const log = (level: 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG' | 'TRAC', message: string): void =>
    logger.log(level, message);
  const includeSupervisor = config.rpcinterfaces.some((plugin) => plugin.factory === MAIN_RPCINTERFACE_FACTORY);
  const { registry, dispatcher } = createRpcRegistry(supervisor, { log, includeSupervisor });
  for (const plugin of config.rpcinterfaces) {
    if (plugin.factory === MAIN_RPCINTERFACE_FACTORY) logger.info(`RPC interface '${plugin.name}' initialized`);
  }
  // Plugin namespaces are registered before the servers start and freeze the registry.
  for (const namespace of loadRpcPlugins(config.rpcinterfaces, createExtensionHost(supervisor, config, logger))) {
    try {
      registry.register(namespace);
    } catch (error) {
      throw new StartupError((error as Error).message);
    }
    logger.info(`RPC interface '${namespace.name}' initialized`);
  }
  const webUi = createWebUi(supervisor, { supervisorVersion: SUPERVISOR_VERSION, csrfToken: webUiToken });
  const router = mountWebUi(createHttpRouter({ dispatcher, model: supervisor }), webUi);
  const handle = await startHttpServers(config.http_servers, { registry, dispatcher, model: supervisor, router, log });
  return {
    close: () => {
      // Open live streams would otherwise keep their connections, and the servers, open.
      webUi.close();
      return handle.close();
    },
  };
}

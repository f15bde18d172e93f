/**
 * Loading `[rpcinterface:x]` namespaces other than `supervisor`: the factory spec names a module
 * and an export; the namespace is published under the section name `x`, as upstream does.
 */
import type { PluginConfig } from '../config/types';
import type { ExtensionHost, RpcInterfaceFactory } from '../extension';
import type { RpcNamespace } from '../rpc/namespace';
import { StartupError } from './privileges';

/** The built-in supervisor namespace, registered by the RPC layer itself. */
export const MAIN_RPCINTERFACE_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';

/** Python module names of plugins we ship, and the package implementing each. */
const KNOWN_MODULES: Readonly<Record<string, string>> = {
  'supervisor_twiddler.rpcinterface': '@supervisor-ts/rpc-twiddler',
};

function loadFactory(plugin: PluginConfig): RpcInterfaceFactory {
  const separator = plugin.factory.lastIndexOf(':');
  const moduleSpec = separator > 0 ? plugin.factory.slice(0, separator) : plugin.factory;
  const exportName = separator > 0 ? plugin.factory.slice(separator + 1) : 'default';
  const moduleName = KNOWN_MODULES[moduleSpec] ?? moduleSpec;
  let loaded: Record<string, unknown>;
  try {
    // A plugin is named by configuration, never imported statically.
    loaded = require(moduleName) as Record<string, unknown>;
  } catch (error) {
    throw new StartupError(`Could not import ${plugin.factory} for [rpcinterface:${plugin.name}]: ${(error as Error).message}`);
  }
  const factory = loaded[exportName];
  if (typeof factory !== 'function') {
    throw new StartupError(`${plugin.factory} for [rpcinterface:${plugin.name}] is not a factory function`);
  }
  return factory as RpcInterfaceFactory;
}

/** Builds every plugin namespace; the caller registers them. */
export function loadRpcPlugins(plugins: readonly PluginConfig[], host: ExtensionHost): RpcNamespace[] {
  const namespaces: RpcNamespace[] = [];
  for (const plugin of plugins) {
    if (plugin.factory === MAIN_RPCINTERFACE_FACTORY) continue;
    const factory = loadFactory(plugin);
    let namespace: RpcNamespace;
    try {
      namespace = factory(host, plugin.extras);
    } catch (error) {
      throw new StartupError(`Could not make the [rpcinterface:${plugin.name}] interface: ${(error as Error).message}`);
    }
    namespaces.push({ ...namespace, name: plugin.name });
  }
  return namespaces;
}

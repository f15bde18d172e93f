/** Wiring: a registry holding `supervisor` and `system`, and the dispatcher over it. */
import type { SupervisorModel } from '../supervision/model';
import { RpcDispatcher, type DispatchLog } from './dispatcher';
import { createSupervisorNamespace, type SupervisorNamespaceOptions } from './namespaces/supervisor';
import { createSystemNamespace } from './namespaces/system';
import { RpcRegistry } from './registry';

export interface RpcSetupOptions extends SupervisorNamespaceOptions {
  log?: DispatchLog;
  /** Leave out `supervisor` (a config without `[rpcinterface:supervisor]`). Default true. */
  includeSupervisor?: boolean;
}

export interface RpcSetup {
  registry: RpcRegistry;
  dispatcher: RpcDispatcher;
}

/**
 * Creates the registry with `supervisor` (unless left out) and `system`, and its dispatcher.
 * Plugins call `registry.register(...)` before the HTTP servers start.
 */
export function createRpcRegistry(model: SupervisorModel, options: RpcSetupOptions = {}): RpcSetup {
  const registry = new RpcRegistry();
  const dispatcher = new RpcDispatcher(registry, { log: options.log });
  if (options.includeSupervisor !== false) registry.register(createSupervisorNamespace(model, options));
  registry.register(createSystemNamespace(registry, (name, params) => dispatcher.invoke(name, params)));
  return { registry, dispatcher };
}

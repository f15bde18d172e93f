export { RpcRegistry, RpcRegistryError } from './registry';
export { RpcDispatcher, type DispatchLog, type DispatchOutcome, type RpcDispatcherOptions } from './dispatcher';
export { createRpcRegistry, type RpcSetup, type RpcSetupOptions } from './create-rpc-registry';
export { createSupervisorNamespace, API_VERSION, SUPERVISOR_VERSION, type SupervisorNamespaceOptions } from './namespaces/supervisor';
export { createSystemNamespace, type RpcInvoker } from './namespaces/system';
export type { RpcMethod, RpcNamespace, XmlRpcTypeName } from './namespace';

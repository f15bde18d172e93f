/**
 * The set of published XML-RPC namespaces. Namespaces are registered while the daemon starts
 * (`supervisor`, plugins from `[rpcinterface:x]`, then `system`); once the servers run, the set is
 * frozen.
 */
import type { RpcMethod, RpcNamespace } from './namespace';

export class RpcRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcRegistryError';
  }
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

export class RpcRegistry {
  private readonly byName = new Map<string, Map<string, RpcMethod>>();
  /**
   * Every method by its wire name `namespace.method`. Both parts start with a letter and hold no
   * dot, so a name with more or fewer dots, or a method part starting with `_` (which upstream
   * refuses), is never found.
   */
  private readonly byWireName = new Map<string, RpcMethod>();
  private readonly ordered: RpcNamespace[] = [];
  private started = false;

  /** Adds a namespace. Refuses a taken name, a malformed method table, and any call after `start()`. */
  register(namespace: RpcNamespace): void {
    if (this.started) throw new RpcRegistryError(`cannot register namespace '${namespace.name}': the RPC servers are already running`);
    if (!NAME_PATTERN.test(namespace.name)) throw new RpcRegistryError(`invalid namespace name '${namespace.name}'`);
    if (this.byName.has(namespace.name)) throw new RpcRegistryError(`namespace '${namespace.name}' is already registered`);
    const methods = new Map<string, RpcMethod>();
    for (const method of namespace.methods) {
      if (!NAME_PATTERN.test(method.name)) throw new RpcRegistryError(`invalid method name '${namespace.name}.${method.name}'`);
      if (methods.has(method.name)) throw new RpcRegistryError(`method '${namespace.name}.${method.name}' is defined twice`);
      if (method.signature.length === 0) throw new RpcRegistryError(`method '${namespace.name}.${method.name}' has no return type`);
      methods.set(method.name, method);
    }
    this.byName.set(namespace.name, methods);
    for (const [methodName, method] of methods) this.byWireName.set(`${namespace.name}.${methodName}`, method);
    this.ordered.push(namespace);
  }

  /** Freezes the registry. */
  start(): void {
    this.started = true;
  }

  get isStarted(): boolean {
    return this.started;
  }

  has(namespaceName: string): boolean {
    return this.byName.has(namespaceName);
  }

  /** Namespaces in registration order. */
  namespaces(): readonly RpcNamespace[] {
    return this.ordered;
  }

  /** The method for a wire name `namespace.method`, following upstream's dispatch rules. */
  lookup(fullName: string): RpcMethod | undefined {
    return this.byWireName.get(fullName);
  }

  /** Every published `namespace.method`, sorted. */
  listMethods(): string[] {
    const names: string[] = [];
    for (const [namespaceName, methods] of this.byName) {
      for (const methodName of methods.keys()) names.push(`${namespaceName}.${methodName}`);
    }
    return names.sort();
  }
}

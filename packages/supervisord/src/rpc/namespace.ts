import type { XmlRpcValue } from '@supervisor-ts/protocol';

/** XML-RPC type names as `system.methodSignature` reports them. */
export type XmlRpcTypeName =
  | 'string'
  | 'int'
  | 'boolean'
  | 'double'
  | 'array'
  | 'struct'
  | 'base64'
  | 'dateTime.iso8601'
  /** A parameter that takes either type (twiddler.log's level). */
  | 'string|int';

/**
 * One published method. Nothing is published by reflection: a namespace lists its methods.
 * A handler throws `RpcFault` for a fault; it may return a promise (e.g. `wait=true`).
 */
export interface RpcMethod {
  /** The wire name inside the namespace, e.g. `startProcess`. */
  name: string;
  /** [return type, ...parameter types], as `system.methodSignature` returns it. */
  signature: XmlRpcTypeName[];
  /** Our own words for `system.methodHelp`. */
  help: string;
  /** Smallest and largest accepted argument counts (defaults: signature's parameter count). */
  minArgs?: number;
  maxArgs?: number;
  handler: (...args: XmlRpcValue[]) => XmlRpcValue | Promise<XmlRpcValue>;
}

export interface RpcNamespace {
  /** e.g. `supervisor`, `system`, `twiddler`. */
  name: string;
  methods: RpcMethod[];
}

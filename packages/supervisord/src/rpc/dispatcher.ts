/**
 * Turns an XML-RPC request body into a response: decodes the call, finds the method, checks the
 * argument count, awaits the handler and encodes the result or the fault.
 */
import {
  Faults,
  RpcFault,
  XmlRpcDecodeError,
  XmlRpcEncodedValue,
  encodeFault,
  encodeMethodResponse,
  type XmlRpcValue,
} from '@supervisor-ts/protocol';
import { MethodCallCache } from './method-call-cache';
import type { RpcRegistry } from './registry';

export type DispatchLog = (level: 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG' | 'TRAC', message: string) => void;

/**
 * 200 with an XML-RPC document (UTF-8 bytes when the answer was already encoded, else text), or
 * 400 when the body is not a method call.
 */
export type DispatchOutcome = { status: 200; body: string | Buffer } | { status: 400; reason: string };

export interface RpcDispatcherOptions {
  log?: DispatchLog;
}

export class RpcDispatcher {
  private readonly log: DispatchLog;
  private readonly decoded = new MethodCallCache();
  /** Response documents of already-encoded results, kept as long as a method hands out the same result. */
  private readonly encodedResponses = new WeakMap<XmlRpcEncodedValue, Buffer>();

  constructor(
    private readonly registry: RpcRegistry,
    options: RpcDispatcherOptions = {},
  ) {
    this.log = options.log ?? (() => undefined);
  }

  /** Handles one request body. Never rejects. */
  async handle(body: Buffer | string): Promise<DispatchOutcome> {
    let methodName: string;
    let params: XmlRpcValue[];
    try {
      // Like supervisord, base64 parameters reach methods as text.
      ({ methodName, params } = this.decoded.decode(body));
    } catch (error) {
      const reason = error instanceof XmlRpcDecodeError ? error.message : String(error);
      this.log('WARN', `XML-RPC request refused: ${reason}`);
      return { status: 400, reason };
    }
    if (methodName === '') return { status: 400, reason: 'empty method name' };
    this.log('TRAC', `XML-RPC method called: ${methodName}()`);
    try {
      const result = await this.invoke(methodName, params);
      if (result instanceof XmlRpcEncodedValue) return { status: 200, body: this.responseDocument(result) };
      return { status: 200, body: encodeMethodResponse(result) };
    } catch (error) {
      const fault = error as RpcFault;
      this.log('TRAC', `XML-RPC method ${methodName}() returned fault: [${fault.code}] ${fault.message}`);
      return { status: 200, body: encodeFault(fault.code, fault.faultString) };
    }
  }

  private responseDocument(result: XmlRpcEncodedValue): Buffer {
    let document = this.encodedResponses.get(result);
    if (document === undefined) {
      document = Buffer.from(encodeMethodResponse(result), 'utf8');
      this.encodedResponses.set(result, document);
    }
    return document;
  }

  /**
   * Calls a method by wire name. Resolves with its value; rejects only with `RpcFault`
   * (unexpected errors become a FAILED fault and are logged).
   */
  async invoke(methodName: string, params: readonly XmlRpcValue[]): Promise<XmlRpcValue> {
    const method = this.registry.lookup(methodName);
    if (!method) throw new RpcFault(Faults.UNKNOWN_METHOD);
    const declared = method.signature.length - 1;
    const minArgs = method.minArgs ?? declared;
    const maxArgs = method.maxArgs ?? declared;
    if (params.length < minArgs || params.length > maxArgs) throw new RpcFault(Faults.INCORRECT_PARAMETERS);
    let result: XmlRpcValue | undefined;
    try {
      result = await method.handler(...params);
    } catch (error) {
      if (error instanceof RpcFault) throw error;
      const err = error instanceof Error ? error : new Error(String(error));
      this.log('CRIT', `XML-RPC method ${methodName}() failed: ${err.stack ?? err.message}`);
      throw new RpcFault(Faults.FAILED, `${err.name}: ${err.message}`);
    }
    if (result === undefined || result === null) {
      this.log('CRIT', `XML-RPC method ${methodName}() returned no value`);
      throw new RpcFault(Faults.FAILED, `${methodName} returned no value`);
    }
    return result;
  }
}

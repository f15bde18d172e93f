/** The `system` namespace: introspection and multicall over every registered namespace. */
import { Faults, RpcFault, type XmlRpcStruct, type XmlRpcValue } from '@supervisor-ts/protocol';
import type { RpcNamespace } from '../namespace';
import type { RpcRegistry } from '../registry';

/** Calls one method by wire name; rejects with RpcFault only. */
export type RpcInvoker = (methodName: string, params: readonly XmlRpcValue[]) => Promise<XmlRpcValue>;

function isStruct(value: XmlRpcValue): value is XmlRpcStruct {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function faultStruct(fault: RpcFault): XmlRpcStruct {
  return { faultCode: fault.code, faultString: fault.faultString };
}

async function runOneCall(call: XmlRpcValue, invoke: RpcInvoker): Promise<XmlRpcValue> {
  if (!isStruct(call)) throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'each call must be a struct');
  const { methodName, params } = call;
  if (methodName === undefined) throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'No methodName');
  if (typeof methodName !== 'string') throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'methodName must be a string');
  if (methodName === 'system.multicall') throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'Recursive system.multicall forbidden');
  let args: XmlRpcValue[];
  if (params === undefined) args = [];
  else if (Array.isArray(params)) args = params;
  else if (typeof params === 'string') args = [...params]; // upstream spreads a string as characters
  else throw new RpcFault(Faults.INCORRECT_PARAMETERS);
  return invoke(methodName, args);
}

export function createSystemNamespace(registry: RpcRegistry, invoke: RpcInvoker): RpcNamespace {
  const helpOf = (name: XmlRpcValue) => {
    const method = typeof name === 'string' ? registry.lookup(name) : undefined;
    if (!method) throw new RpcFault(Faults.SIGNATURE_UNSUPPORTED);
    return method;
  };
  return {
    name: 'system',
    methods: [
      {
        name: 'listMethods',
        signature: ['array'],
        help: 'Lists the names of every method this server publishes, sorted.\n\n@return array names of the form namespace.method',
        handler: () => registry.listMethods(),
      },
      {
        name: 'methodHelp',
        signature: ['string', 'string'],
        help: 'Describes what a method does and what it takes.\n\n@param string name the method, as namespace.method\n@return string the description',
        handler: (name) => helpOf(name).help,
      },
      {
        name: 'methodSignature',
        signature: ['array', 'string'],
        help:
          'Gives the XML-RPC types of a method: its result type first, then one type per parameter.\n\n' +
          '@param string name the method, as namespace.method\n@return array type names',
        handler: (name) => [...helpOf(name).signature],
      },
      {
        name: 'multicall',
        signature: ['array', 'array'],
        help:
          'Runs several calls in one request, one after another. Each call is a struct with a methodName ' +
          'string and a params array. The result holds, for each call in order, its return value or a ' +
          'struct with faultCode and faultString when it failed.\n\n' +
          '@param array calls structs {methodName, params}\n@return array one result or fault struct per call',
        handler: async (calls) => {
          if (!Array.isArray(calls)) throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'calls must be an array');
          const results: XmlRpcValue[] = [];
          for (const call of calls) {
            try {
              results.push(await runOneCall(call, invoke));
            } catch (error) {
              results.push(faultStruct(error instanceof RpcFault ? error : new RpcFault(Faults.FAILED, String(error))));
            }
          }
          return results;
        },
      },
    ],
  };
}

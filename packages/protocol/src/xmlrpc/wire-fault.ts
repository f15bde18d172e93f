import { RpcFault, faultName } from '../faults';

/**
 * Rebuilds an `RpcFault` from a received fault, keeping the faultString exactly as sent
 * (its `detail` is the text after `NAME: ` when the string has that shape).
 */
export function faultFromWire(faultCode: number, faultString: string): RpcFault {
  const name = faultName(faultCode);
  let detail: string | null = faultString;
  if (faultString === name) detail = null;
  else if (faultString.startsWith(`${name}: `)) detail = faultString.slice(name.length + 2);
  const fault = new RpcFault(faultCode, detail);
  fault.message = faultString;
  return fault;
}

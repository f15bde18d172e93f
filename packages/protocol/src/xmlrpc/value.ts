/**
 * The XML-RPC value model. JavaScript numbers that are integers go out as <int>, others as
 * <double>; use `XmlRpcDouble` to force a double for an integral value.
 */

export class XmlRpcDouble {
  constructor(readonly value: number) {}
}

export class XmlRpcBase64 {
  constructor(readonly bytes: Buffer) {}
}

export type XmlRpcValue =
  | string
  | number
  | boolean
  | Date
  | XmlRpcDouble
  | XmlRpcBase64
  | null
  | XmlRpcValue[]
  | { [key: string]: XmlRpcValue };

export type XmlRpcStruct = { [key: string]: XmlRpcValue };

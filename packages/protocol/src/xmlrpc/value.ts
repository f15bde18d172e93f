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

/**
 * A value already written as XML-RPC: one `<value>…</value>` element with its trailing newline,
 * byte for byte as `encodeValue` writes it. The encoder copies the text as it is, so a server can
 * send the text of an answer that has not changed instead of building and encoding it again.
 * The decoder never produces one.
 */
export class XmlRpcEncodedValue {
  constructor(readonly xml: string) {}
}

export type XmlRpcValue =
  | string
  | number
  | boolean
  | Date
  | XmlRpcDouble
  | XmlRpcBase64
  | XmlRpcEncodedValue
  | null
  | XmlRpcValue[]
  | { [key: string]: XmlRpcValue };

export type XmlRpcStruct = { [key: string]: XmlRpcValue };

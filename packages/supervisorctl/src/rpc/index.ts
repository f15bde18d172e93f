export { XmlRpcClient, type XmlRpcClientOptions, type HttpStream } from './client';
export { parseServerUrl, ServerUrlError, type ServerAddress } from './server-url';
export { HttpStatusError, ConnectionError, ResponseFormatError } from './transport-errors';

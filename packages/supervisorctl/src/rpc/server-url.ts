/** Where an XML-RPC server lives: `http://host[:port][/path]` or `unix:///path/to.sock`. */
export type ServerAddress =
  | { kind: 'inet'; host: string; port: number; rpcPath: string; hostHeader: string }
  | { kind: 'unix'; socketPath: string; rpcPath: string; hostHeader: string };

export class ServerUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerUrlError';
  }
}

/**
 * Parses a server URL as supervisorctl accepts it. For `http://` URLs without a path the RPC
 * endpoint is `/RPC2`; for `unix://` everything after the scheme is the socket path.
 */
export function parseServerUrl(serverUrl: string): ServerAddress {
  if (serverUrl.startsWith('unix://')) {
    const socketPath = serverUrl.slice('unix://'.length);
    if (socketPath === '') throw new ServerUrlError(`no socket path in ${serverUrl}`);
    return { kind: 'unix', socketPath, rpcPath: '/RPC2', hostHeader: 'localhost' };
  }
  if (serverUrl.startsWith('http://')) {
    let url: URL;
    try {
      url = new URL(serverUrl);
    } catch {
      throw new ServerUrlError(`invalid server URL ${serverUrl}`);
    }
    const port = url.port === '' ? 80 : Number(url.port);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const path = url.pathname === '' || url.pathname === '/' ? '/RPC2' : url.pathname;
    return { kind: 'inet', host, port, rpcPath: path, hostHeader: url.host };
  }
  throw new ServerUrlError(`unsupported server URL ${serverUrl} (use http:// or unix://)`);
}

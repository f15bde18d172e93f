import { XmlRpcClient } from './rpc/client';
import type { ApiFactory, ServerConnection, SupervisorApi } from './supervisor-api';

/** Clients by server URL and credentials, so a session reuses one connection per server. */
export class ClientPool {
  private readonly clients = new Map<string, XmlRpcClient>();

  readonly factory: ApiFactory = (connection: ServerConnection): SupervisorApi => {
    const key = JSON.stringify([connection.serverurl, connection.username, connection.password]);
    let client = this.clients.get(key);
    if (client === undefined) {
      client = new XmlRpcClient(connection.serverurl, {
        username: connection.username,
        password: connection.password,
      });
      this.clients.set(key, client);
    }
    return client;
  };

  closeAll(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

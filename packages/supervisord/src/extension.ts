/** The public API that RPC namespace plugins (such as rpc-twiddler) are written against. */
export interface ExtensionHost {
  readonly supervisorVersion: string;
}

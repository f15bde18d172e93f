/**
 * The factory named by `supervisor.rpcinterface_factory` in a `[rpcinterface:twiddler]` section.
 *
 * Twiddler lets any caller run any command as supervisord's user, so it refuses to load when
 * supervisord serves XML-RPC on a TCP port that asks for no password, unless the section says
 * `allow_unauthenticated_inet = true`.
 */
import type { ExtensionHost, RpcInterfaceFactory, RpcNamespace } from '@supervisor-ts/supervisord/extension';
import { createTwiddlerNamespace } from './twiddler-namespace';
import { ALLOW_UNAUTHENTICATED_INET_KEY, readTwiddlerSettings } from './twiddler-settings';

export const UNAUTHENTICATED_INET_MESSAGE =
  'twiddler refuses to load: supervisord serves XML-RPC on an [inet_http_server] without a ' +
  'username and password, and twiddler lets any caller run any command. Set username and ' +
  `password in [inet_http_server], or add "${ALLOW_UNAUTHENTICATED_INET_KEY} = true" to the ` +
  '[rpcinterface:twiddler] section to accept that risk.';

export const make_twiddler_rpcinterface: RpcInterfaceFactory = (
  host: ExtensionHost,
  extras: Record<string, string>,
): RpcNamespace => {
  const settings = readTwiddlerSettings(extras);
  if (host.servers.inetWithoutAuth && !settings.allowUnauthenticatedInet) {
    throw new Error(UNAUTHENTICATED_INET_MESSAGE);
  }
  const namespace = createTwiddlerNamespace(host, settings);
  const known = new Set(namespace.methods.map((method) => method.name));
  const unknown = [...(settings.whitelist ?? [])].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    host.log('WARN', `twiddler: the whitelist names no such method: ${unknown.join(', ')}`);
  }
  return namespace;
};

import type { ExtensionHost } from '@supervisor-ts/supervisord/extension';

export const TWIDDLER_API_VERSION = '1.0';

export function describe(host: ExtensionHost): string {
  return `twiddler ${TWIDDLER_API_VERSION} on supervisor ${host.supervisorVersion}`;
}

/** The `OsPort` the daemon runs on: the native spawner when it was built, else child_process. */
import { loadNativeAddon } from './native-addon';
import { NativeOs } from './native-os';
import { NodeOs } from './node-os';
import type { OsPort } from './ports';

export function createOs(): OsPort {
  const { addon } = loadNativeAddon();
  return addon !== null ? new NativeOs(addon) : new NodeOs();
}

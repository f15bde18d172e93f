/** The `OsPort` the daemon runs on: the native spawner when it was built, else child_process. */
import { loadNativeAddon } from './native-addon';
import { NativeOs } from './native-os';
import { NodeOs } from './node-os';
import type { OsPort } from './ports';

/** `debug` hears which spawner is used when it is not the native one, and why. */
export function createOs(debug: (message: string) => void = () => {}): OsPort {
  const { addon, problem } = loadNativeAddon();
  if (addon !== null) return new NativeOs(addon);
  debug(`native spawner not available (${problem}); children are started through child_process`);
  return new NodeOs();
}

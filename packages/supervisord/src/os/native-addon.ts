/**
 * The optional compiled helper in `packages/supervisord/native` (see addon.h there). It is built
 * by `npm run build`; where no C compiler was available the daemon spawns through child_process.
 */
import * as path from 'node:path';
import type { WaitCalls } from './child-reaper';

export interface NativeAddon extends WaitCalls {
  /** Returns [pid, stdin write end, stdout read end, stderr read end], -1 where none was made. */
  spawn(
    file: string,
    argv: string[],
    envp: string[],
    cwd: string | null,
    stdinFd: number,
    mergeStderr: boolean,
  ): [number, number, number, number];
  /** Sets a pipe's capacity (F_SETPIPE_SZ); returns the capacity the kernel chose. */
  setPipeSize(fd: number, bytes: number): number;
  /** How far into its memory page the buffer's first byte lies (0-4095). */
  pageOffset(buffer: Buffer): number;
}

/** Where the build puts the addon, relative to this file in `src/os` or `dist/os`. */
const ADDON_PATH = path.join(__dirname, '..', '..', 'native', 'build', 'Release', 'supervisord_native.node');

let loaded: { addon: NativeAddon | null; problem: string | null } | null = null;

/** The addon, or null with the reason it could not be loaded. */
export function loadNativeAddon(): { addon: NativeAddon | null; problem: string | null } {
  if (loaded === null) {
    try {
      loaded = { addon: require(ADDON_PATH) as NativeAddon, problem: null };
    } catch (error) {
      loaded = { addon: null, problem: (error as Error).message.split('\n')[0] };
    }
  }
  return loaded;
}

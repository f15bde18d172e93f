/** Switching a child to another user through util-linux `setpriv`, with its supplementary groups. */
import * as fs from 'node:fs';
import type { SpawnRequest } from './ports';

/** Where util-linux `setpriv` lives, used to switch uid, gid and supplementary groups. */
export function findSetpriv(): string | null {
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv', '/usr/sbin/setpriv', '/sbin/setpriv']) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // try the next location
    }
  }
  return null;
}

/** What to exec: the program itself, or `setpriv` running it as `request.user`. */
export interface ExecTarget {
  file: string;
  argv0: string;
  args: string[];
}

/** The exec target for a request; null when a user switch is asked for but setpriv is missing. */
export function execTargetFor(request: SpawnRequest, setprivPath: string | null): ExecTarget | null {
  if (request.user === null) return { file: request.file, argv0: request.argv0, args: request.args };
  if (setprivPath === null) return null;
  return {
    file: setprivPath,
    argv0: setprivPath,
    args: [
      `--reuid=${request.user.uid}`,
      `--regid=${request.user.gid}`,
      '--init-groups',
      '--',
      request.file,
      ...request.args,
    ],
  };
}

/** `[supervisord] user=`: drop the daemon's privileges as 4.2.5 does at startup. */
import type { SupervisordConfig } from '../config/types';

export class StartupError extends Error {
  readonly code = 'ERR_SUPD_STARTUP';
}

/**
 * Switches to the configured user (supplementary groups, gid, then uid). Returns the messages to
 * log once the activity log is open. Throws a StartupError with upstream's text when it cannot.
 */
export function dropPrivileges(config: SupervisordConfig): { level: 'INFO' | 'CRIT'; message: string }[] {
  const currentUid = process.getuid?.() ?? 0;
  if (config.user === null) {
    if (currentUid === 0) {
      return [
        {
          level: 'CRIT',
          message:
            'Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.',
        },
      ];
    }
    return [];
  }
  if (config.uid === null) throw new StartupError(`Invalid user name ${config.user}`);
  if (currentUid !== 0) {
    if (config.uid === currentUid) return [];
    throw new StartupError("Can't drop privilege as nonroot user");
  }
  const gid = config.gid ?? config.uid;
  try {
    (process as unknown as { initgroups?: (user: string, group: number) => void }).initgroups?.(config.user, gid);
    process.setgid?.(gid);
    process.setuid?.(config.uid);
  } catch (error) {
    throw new StartupError(`Could not set user to ${config.user}: ${(error as Error).message}`);
  }
  return [{ level: 'INFO', message: `Set uid to user ${config.uid} succeeded` }];
}

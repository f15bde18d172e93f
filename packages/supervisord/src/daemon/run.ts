import type { ResolvedConfig } from '../config/types';

/** Runs supervisord on a loaded configuration until it shuts down; resolves to the exit code. */
export async function runDaemon(config: ResolvedConfig): Promise<number> {
  process.stderr.write(`supervisord: the daemon is not implemented yet (${config.configfile})\n`);
  return 2;
}

/**
 * The daemon's lifecycle: background start, privileges, limits, then supervisors built from the
 * configuration until a shutdown (exit 0) — a restart (SIGHUP or RPC) re-reads the config file
 * and builds everything again in the same process.
 */
import { loadConfig, type ConfigOverrides } from '../config/load';
import type { ResolvedConfig } from '../config/types';
import { EventBus } from '../events/bus';
import { EventSerials } from '../events/serials';
import { TickEmitter } from '../events/ticks';
import { cleanupAutoLogs } from '../logging/auto-log-name';
import { HttpServerStartError } from '../http/http-servers';
import { createMainLogger, type Logger } from '../logging/logger';
import { createOs } from '../os/create-os';
import { NodeClock } from '../os/node-clock';
import { Supervisor, type SupervisorEnd } from '../supervision/supervisor';
import { createChildOutputFactory } from './child-output-factory';
import { isDaemonizedChild, reportStartup, spawnDaemonCopy } from './daemonize';
import { Pidfile } from './pidfile';
import { dropPrivileges, StartupError } from './privileges';
import { ensureLimits } from './rlimits';
import { startServices } from './services';
import { installSignalHandlers } from './signals';

export interface RunDaemonOptions {
  /** Command-line values re-applied when the config is read again at restart. */
  overrides?: ConfigOverrides;
  /** Reads the configuration again (restart, reloadConfig); defaults to the same file. */
  reread?: () => ResolvedConfig;
}

/** How long in-flight HTTP responses get after the last process stopped. */
const RESPONSE_GRACE_MS = 100;

interface StartupMessage {
  level: 'CRIT' | 'WARN' | 'INFO';
  message: string;
}

function fail(message: string): number {
  process.stderr.write(`Error: ${message}\n`);
  // In the background copy stderr is /dev/null: the waiting foreground process prints it.
  reportStartup({ error: message });
  return 2;
}

/** Runs supervisord on a loaded configuration until it shuts down; resolves to the exit code. */
export async function runDaemon(config: ResolvedConfig, options: RunDaemonOptions = {}): Promise<number> {
  const reread = options.reread ?? (() => loadConfig(config.configfile, { overrides: options.overrides }));
  const inBackground = isDaemonizedChild();
  const settings = config.supervisord;
  if (settings.user !== null && settings.uid === null) return fail(`Invalid user name ${settings.user}`);

  if (!settings.nodaemon && !inBackground) {
    // What can be checked before going to the background is checked here, on the terminal.
    const currentUid = process.getuid?.() ?? 0;
    if (settings.uid !== null && currentUid !== 0 && settings.uid !== currentUid) {
      return fail("Can't drop privilege as nonroot user");
    }
    try {
      // Raised limits are inherited by the background copy.
      ensureLimits(settings.minfds, settings.minprocs);
    } catch (error) {
      if (error instanceof StartupError) return fail(error.message);
      throw error;
    }
    return spawnDaemonCopy();
  }

  const startup: StartupMessage[] = [];
  try {
    startup.push(...dropPrivileges(settings));
    for (const message of ensureLimits(settings.minfds, settings.minprocs)) startup.push({ level: 'INFO', message });
  } catch (error) {
    if (error instanceof StartupError) return fail(error.message);
    throw error;
  }
  if (inBackground) {
    process.umask(settings.umask);
    startup.push({ level: 'INFO', message: 'daemonizing the supervisord process' });
    if (settings.directory !== null) {
      try {
        process.chdir(settings.directory);
        startup.push({ level: 'INFO', message: `set current directory: '${settings.directory}'` });
      } catch (error) {
        startup.push({ level: 'CRIT', message: `can't chdir into ${settings.directory}: ${(error as Error).message}` });
      }
    }
  }

  const inheritedEnv = { ...process.env };
  // Signal handlers alone do not keep Node running: a daemon with nothing to supervise must stay up.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  try {
    return await superviseUntilShutdown(config, startup, inheritedEnv, reread);
  } finally {
    clearInterval(keepAlive);
  }
}

async function superviseUntilShutdown(
  config: ResolvedConfig,
  startup: StartupMessage[],
  inheritedEnv: NodeJS.ProcessEnv,
  reread: () => ResolvedConfig,
): Promise<number> {
  let current = config;
  // Event serial numbers continue across restarts.
  const serials = new EventSerials();
  for (;;) {
    let end: SupervisorEnd;
    try {
      end = await runOnce(current, startup.splice(0), inheritedEnv, reread, serials);
    } catch (error) {
      if (error instanceof HttpServerStartError || error instanceof StartupError) return fail(error.message);
      throw error;
    }
    if (end === 'shutdown') return 0;
    try {
      current = reread();
    } catch (error) {
      return fail((error as Error).message);
    }
  }
}

function logStartup(logger: Logger, config: ResolvedConfig, startup: StartupMessage[]): void {
  const byLevel = (level: StartupMessage['level']) => startup.filter((entry) => entry.level === level);
  for (const entry of byLevel('CRIT')) logger.critical(entry.message);
  for (const message of config.warnings) logger.warn(message);
  for (const entry of byLevel('WARN')) logger.warn(entry.message);
  for (const message of config.infos) logger.info(message);
  for (const entry of byLevel('INFO')) logger.info(entry.message);
}

async function runOnce(
  config: ResolvedConfig,
  startup: StartupMessage[],
  inheritedEnv: NodeJS.ProcessEnv,
  reread: () => ResolvedConfig,
  serials: EventSerials,
): Promise<SupervisorEnd> {
  const settings = config.supervisord;
  let logger: Logger;
  try {
    logger = createMainLogger(settings, { nodaemon: settings.nodaemon, silent: settings.silent });
  } catch (error) {
    throw new StartupError(`could not open the log file ${settings.logfile}: ${(error as Error).message}`);
  }
  logStartup(logger, config, startup);
  if (!settings.nocleanup) {
    for (const warning of cleanupAutoLogs(settings.childlogdir, settings.identifier).warnings) logger.warn(warning);
  }
  const bus = new EventBus((error, event) =>
    logger.critical(`event subscriber failed on ${event.type}: ${(error as Error)?.stack ?? String(error)}`),
  );
  const clock = new NodeClock();
  const ticks = new TickEmitter(clock, (event) => bus.publish(event));
  const supervisor = new Supervisor(config, {
    os: createOs((message) => logger.debug(message)),
    clock,
    logger,
    bus,
    createOutput: createChildOutputFactory(settings, logger, bus),
    rereadConfig: reread,
    inheritedEnv,
    currentUid: process.getuid?.() ?? 0,
    serials,
  });
  const uninstallSignals = installSignalHandlers(supervisor, logger);
  // One failing handler (a child's pipe, a request) must not take the daemon down.
  const contain = (error: unknown): void => {
    logger.critical(`uncaught exception, supervisord continues: ${(error as Error)?.stack ?? String(error)}`);
  };
  process.on('uncaughtException', contain);
  process.on('unhandledRejection', contain);
  const pidfile = new Pidfile(settings.pidfile);
  let services: Awaited<ReturnType<typeof startServices>> | null = null;
  try {
    await supervisor.createGroups();
    services = await startServices(supervisor, config, logger);
    const pidError = pidfile.write(process.pid);
    if (pidError) logger.critical(pidError);
    else logger.info(`supervisord started with pid ${process.pid}`);
    supervisor.startAutostartProcesses();
    ticks.start();
    reportStartup({ ready: true });
    const end = await supervisor.ended;
    // Let the answer to a shutdown/restart request reach its caller before the servers close.
    await new Promise((resolve) => setTimeout(resolve, RESPONSE_GRACE_MS));
    return end;
  } finally {
    ticks.stop();
    process.off('uncaughtException', contain);
    process.off('unhandledRejection', contain);
    uninstallSignals();
    await services?.close();
    supervisor.close();
    pidfile.remove();
    logger.close();
  }
}

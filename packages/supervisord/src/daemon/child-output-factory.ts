/** Builds the output channel of one child stream from its program settings. */
import type { GroupConfig, ProcessConfig, SupervisordConfig } from '../config/types';
import type { EventBus } from '../events/bus';
import { processOutputEvent } from '../events/event-factories';
import { resolveAutoLogPath } from '../logging/auto-log-name';
import { OutputChannel } from '../logging/child-output';
import type { Logger } from '../logging/logger';
import { ListenerStdoutLog } from '../listeners/listener-stdout-log';
import type { OutputSink } from '../process/subprocess';

/**
 * An event listener's stdout carries the listener protocol: its bytes go verbatim to the log
 * file only (the pool parses them), so it gets a plain file and no channel (null without a file).
 */
export function createChildOutputFactory(supervisord: SupervisordConfig, logger: Logger, bus: EventBus) {
  return (process: ProcessConfig, group: GroupConfig, channel: 'stdout' | 'stderr', pid: () => number): OutputSink | null => {
    const settings =
      channel === 'stdout'
        ? {
            logfile: process.stdout_logfile,
            maxBytes: process.stdout_logfile_maxbytes,
            backups: process.stdout_logfile_backups,
            captureMaxBytes: process.stdout_capture_maxbytes,
            eventsEnabled: process.stdout_events_enabled,
            syslog: process.stdout_syslog,
          }
        : {
            logfile: process.stderr_logfile,
            maxBytes: process.stderr_logfile_maxbytes,
            backups: process.stderr_logfile_backups,
            captureMaxBytes: process.stderr_capture_maxbytes,
            eventsEnabled: process.stderr_events_enabled,
            syslog: process.stderr_syslog,
          };
    let logfile = settings.logfile;
    if (logfile === 'AUTO') {
      try {
        logfile = resolveAutoLogPath(supervisord.childlogdir, process.name, channel, supervisord.identifier);
      } catch (error) {
        logger.error(`cannot create AUTO log for ${process.name} ${channel}: ${(error as Error).message}`);
        logfile = null;
      }
    }
    if (group.type === 'eventlistener' && channel === 'stdout') {
      if (logfile === null) return null;
      const path = logfile;
      return new ListenerStdoutLog({
        logfile: path,
        maxBytes: settings.maxBytes,
        backups: settings.backups,
        stripAnsi: supervisord.strip_ansi,
        onError: (error) => logger.error(`cannot write to log file ${path}: ${error.message}`),
      });
    }
    return new OutputChannel({
      processName: process.name,
      groupName: group.name,
      channel,
      logfile,
      maxBytes: settings.maxBytes,
      backups: settings.backups,
      captureMaxBytes: settings.captureMaxBytes,
      eventsEnabled: settings.eventsEnabled,
      syslog: settings.syslog,
      stripAnsi: supervisord.strip_ansi,
      logger,
      onEvent: (event) => bus.publish(processOutputEvent(event, event.pid ?? pid())),
    });
  };
}

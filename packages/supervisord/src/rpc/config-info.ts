/** The getAllConfigInfo struct for one process config. */
import type { ProcessConfigInfo } from '@supervisor-ts/protocol';
import type { GroupConfig, ProcessConfig } from '../config/types';
import type { GroupView } from '../supervision/model';

function logfileText(
  configured: string | null,
  running: GroupView | undefined,
  config: ProcessConfig,
  pick: 'stdoutLogPath' | 'stderrLogPath',
): string {
  if (configured === null) return 'none';
  if (configured !== 'AUTO') return configured;
  // A running process built from this very config object knows the generated name.
  const process = running?.processes.find((candidate) => candidate.config === config);
  return process?.[pick] ?? 'auto';
}

export function buildConfigInfo(group: GroupConfig, config: ProcessConfig, running: GroupView | undefined): ProcessConfigInfo {
  return {
    autostart: config.autostart,
    directory: config.directory ?? 'none',
    uid: config.uid ?? 'none',
    command: config.command,
    exitcodes: [...config.exitcodes],
    group: group.name,
    group_prio: group.priority,
    inuse: running !== undefined,
    killasgroup: config.killasgroup,
    name: config.name,
    process_prio: config.priority,
    redirect_stderr: config.redirect_stderr,
    startretries: config.startretries,
    startsecs: config.startsecs,
    stdout_capture_maxbytes: config.stdout_capture_maxbytes,
    stdout_events_enabled: config.stdout_events_enabled,
    stdout_logfile: logfileText(config.stdout_logfile, running, config, 'stdoutLogPath'),
    stdout_logfile_backups: config.stdout_logfile_backups,
    stdout_logfile_maxbytes: config.stdout_logfile_maxbytes,
    stdout_syslog: config.stdout_syslog,
    stopsignal: config.stopsignal_number,
    stopwaitsecs: config.stopwaitsecs,
    stderr_capture_maxbytes: config.stderr_capture_maxbytes,
    stderr_events_enabled: config.stderr_events_enabled,
    stderr_logfile: config.redirect_stderr ? 'none' : logfileText(config.stderr_logfile, running, config, 'stderrLogPath'),
    stderr_logfile_backups: config.stderr_logfile_backups,
    stderr_logfile_maxbytes: config.stderr_logfile_maxbytes,
    stderr_syslog: config.stderr_syslog,
    serverurl: config.serverurl === null || config.serverurl === 'AUTO' ? 'none' : config.serverurl,
  };
}

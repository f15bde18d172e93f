/** A ResolvedConfig around the given groups, with [supervisord] defaults, for unit tests. */
import type { GroupConfig, ResolvedConfig } from '../../src/config/types';

export function resolved(groups: GroupConfig[]): ResolvedConfig {
  return {
    configfile: '/etc/supervisord.conf',
    supervisord: {
      nodaemon: true,
      silent: true,
      user: null,
      uid: null,
      gid: null,
      umask: 0o22,
      directory: null,
      logfile: 'syslog',
      logfile_maxbytes: 0,
      logfile_backups: 0,
      loglevel: 'INFO',
      loglevel_number: 20,
      pidfile: '/tmp/x.pid',
      identifier: 'supervisor',
      childlogdir: '/tmp',
      minfds: 1024,
      minprocs: 200,
      nocleanup: false,
      strip_ansi: false,
      environment: {},
      serverurl: null,
    },
    http_servers: [],
    rpcinterfaces: [],
    groups,
    warnings: [],
    infos: [],
  };
}

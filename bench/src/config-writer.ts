/** Generates a supervisord.conf for one scenario run; both daemons read the same file. */

export interface ProgramSpec {
  name: string;
  command: string;
  startsecs?: number;
  autostart?: boolean;
  autorestart?: boolean | 'unexpected';
  stdoutLogfile?: string;
  stdoutLogfileMaxbytes?: number;
  stdoutLogfileBackups?: number;
  stopwaitsecs?: number;
  stopasgroup?: boolean;
}

export interface DaemonConfigSpec {
  workDir: string;
  tcpPort: number;
  programs: ProgramSpec[];
}

export function socketPath(workDir: string): string {
  return `${workDir}/supervisor.sock`;
}

export function mainLogPath(workDir: string): string {
  return `${workDir}/supervisord.log`;
}

function programSection(program: ProgramSpec): string {
  // The config reader would cut the value at an inline comment.
  if (/\s[;#]/.test(program.command)) throw new Error(`command would be cut at an inline comment: ${program.command}`);
  if (program.command.includes('%')) throw new Error(`command needs %% escaping: ${program.command}`);
  const lines = [
    `[program:${program.name}]`,
    `command = ${program.command}`,
    `startsecs = ${program.startsecs ?? 0}`,
    `autostart = ${program.autostart ?? true}`,
    `autorestart = ${program.autorestart ?? false}`,
    `startretries = 3`,
    `redirect_stderr = true`,
    `stdout_logfile = ${program.stdoutLogfile ?? 'NONE'}`,
    `stdout_logfile_maxbytes = ${program.stdoutLogfileMaxbytes ?? 0}`,
    `stdout_logfile_backups = ${program.stdoutLogfileBackups ?? 0}`,
    `stopwaitsecs = ${program.stopwaitsecs ?? 5}`,
    `stopasgroup = ${program.stopasgroup ?? true}`,
  ];
  return lines.join('\n');
}

export function renderConfig(spec: DaemonConfigSpec): string {
  const { workDir } = spec;
  const head = [
    '[unix_http_server]',
    `file = ${socketPath(workDir)}`,
    '',
    '[inet_http_server]',
    `port = 127.0.0.1:${spec.tcpPort}`,
    '',
    '[supervisord]',
    'nodaemon = true',
    `logfile = ${mainLogPath(workDir)}`,
    'logfile_maxbytes = 0',
    'loglevel = info',
    `pidfile = ${workDir}/supervisord.pid`,
    `childlogdir = ${workDir}`,
    'minfds = 4096',
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
  ].join('\n');
  return `${head}\n${spec.programs.map(programSection).join('\n\n')}\n`;
}

/** `count` idle programs p000, p001, … running `sleep`. */
export function sleepingPrograms(count: number, startsecs: number): ProgramSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `p${String(index).padStart(3, '0')}`,
    command: '/bin/sleep 86400',
    startsecs,
  }));
}

/**
 * Where supervisord looks for its config file when no `-c` is given (Supervisor 4.2.5 order):
 * relative to the directory above the executable's directory first, then the CWD, then /etc.
 */
import { pyDirname, pyJoin } from '@supervisor-ts/protocol';

/** The candidate paths, in order; `argv0` is the path the program was started as. */
export function configSearchPaths(argv0: string): string[] {
  const parent = pyDirname(pyDirname(argv0));
  return [
    pyJoin(parent, 'etc', 'supervisord.conf'),
    pyJoin(parent, 'supervisord.conf'),
    'supervisord.conf',
    'etc/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ];
}

/** The first candidate that exists, or null. */
export function findConfigFile(argv0: string, exists: (file: string) => boolean): string | null {
  return configSearchPaths(argv0).find((p) => exists(p)) ?? null;
}

/** upstream's message when nothing is found. */
export function noConfigFileMessage(argv0: string): string {
  return `No config file found at default paths (${configSearchPaths(argv0).join(', ')}); use the -c option to specify a config file at a different path`;
}

/**
 * Resolving a program's `command=` into an executable as 4.2.5 does before forking, with the
 * same spawn-error texts (NO_FILE / NOT_EXECUTABLE problems).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProcessConfig } from '../config/types';
import { pythonRepr } from '@supervisor-ts/protocol';
import type { CommandProblem } from '../supervision/model';

export interface ResolvedCommand {
  /** The executable to run. */
  file: string;
  /** argv[0] as written in the command. */
  argv0: string;
  args: string[];
}

export type CommandResolution = { ok: true; command: ResolvedCommand } | { ok: false; problem: CommandProblem };

const DEFAULT_PATH = '/bin:/usr/bin:/usr/local/bin';

function notExecutable(message: string): CommandResolution {
  return { ok: false, problem: { fault: 'NOT_EXECUTABLE', message } };
}

function searchPath(config: ProcessConfig, inheritedPath: string | undefined): string {
  return config.environment.PATH ?? inheritedPath ?? DEFAULT_PATH;
}

/** Finds the program of `config` the way a spawn would; `inheritedPath` is supervisord's PATH. */
export function resolveCommand(config: ProcessConfig, inheritedPath: string | undefined): CommandResolution {
  const argv = config.command_argv;
  if (argv === null) {
    const reason = config.command_argv_error ?? 'No closing quotation';
    return notExecutable(`can't parse command ${pythonRepr(config.command)}: ${reason}`);
  }
  if (argv.length === 0) return notExecutable('command is empty');
  const [program, ...args] = argv;
  let file: string | null = null;
  let stat: fs.Stats | undefined;
  if (program.includes('/')) {
    file = program;
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } else {
    for (const dir of searchPath(config, inheritedPath).split(':')) {
      const candidate = path.join(dir, program);
      stat = fs.statSync(candidate, { throwIfNoEntry: false });
      if (stat) {
        file = candidate;
        break;
      }
    }
  }
  if (file === null || !stat) {
    return { ok: false, problem: { fault: 'NO_FILE', message: `can't find command '${program}'` } };
  }
  if (stat.isDirectory()) return notExecutable(`command at '${file}' is a directory`);
  if ((stat.mode & 0o111) === 0) return notExecutable(`command at '${file}' is not executable`);
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return notExecutable(`no permission to run command '${file}'`);
  }
  return { ok: true, command: { file, argv0: program, args } };
}

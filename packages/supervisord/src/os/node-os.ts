/** Spawning through Node's child_process: the portable fallback behind `OsPort`. */
import { spawn as spawnChild, type ChildProcess, type StdioOptions } from 'node:child_process';
import * as fs from 'node:fs';
import { readOutputPipe } from './fd-output-pipe';
import { closePipe, mergedOutputPipe, type PipeEnds } from './merged-pipe-stock';
import { PipedChild } from './piped-child';
import { streamOutputPipe } from './stream-output-pipe';
import type { OsPort, SpawnOutcome, SpawnRequest } from './ports';
import { execTargetFor, findSetpriv } from './setpriv';

export class NodeOs implements OsPort {
  constructor(private readonly setprivPath: string | null = findSetpriv()) {}

  spawn(request: SpawnRequest): SpawnOutcome {
    const target = execTargetFor(request, this.setprivPath);
    if (target === null) return { ok: false, code: 'ENOSYS', message: 'setpriv is not installed' };
    let merged: PipeEnds | null = null;
    if (request.mergeStderr) {
      try {
        merged = mergedOutputPipe();
      } catch {
        // No FIFO possible (no mkfifo, no writable temp dir): two pipes, merged as they are read.
        merged = null;
      }
    }
    const stdio: StdioOptions = merged
      ? [request.stdinFd ?? 'pipe', merged.writeFd, merged.writeFd]
      : [request.stdinFd ?? 'pipe', 'pipe', 'pipe'];
    const previousUmask = request.umask !== null ? process.umask(request.umask) : null;
    let child: ChildProcess;
    try {
      child = spawnChild(target.file, target.args, {
        argv0: target.argv0,
        env: request.env,
        cwd: request.cwd ?? undefined,
        stdio,
        detached: true,
      });
    } catch (error) {
      if (merged) closePipe(merged);
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      return { ok: false, code, message: (error as Error).message };
    } finally {
      if (previousUmask !== null) process.umask(previousUmask);
    }
    // Only the child keeps the write end: its exit is then the end of the merged stream.
    if (merged) fs.closeSync(merged.writeFd);
    if (child.pid === undefined) {
      if (merged) fs.closeSync(merged.readFd);
      child.once('error', () => {
        // reported synchronously below with our best knowledge
      });
      const code = guessExecFailure(target.file);
      return { ok: false, code, message: `spawn ${target.file} ${code}` };
    }
    const stdout = merged ? readOutputPipe(merged.readFd) : streamOutputPipe(child.stdout!);
    const stderr = merged ? null : streamOutputPipe(child.stderr!);
    return {
      ok: true,
      child: new PipedChild(child.pid, child.stdin, stdout, stderr, (onExit) =>
        child.on('exit', (code, signal) => onExit({ code, signal })),
      ),
    };
  }

  kill(pid: number, signal: string, group: boolean): void {
    process.kill(group ? -pid : pid, signal as NodeJS.Signals);
  }
}

/** child_process does not say why an exec failed; the file's accessibility tells most cases. */
function guessExecFailure(file: string): string {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return 'ENOEXEC';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  }
}

/**
 * Spawning through the native addon (posix_spawn, which does not copy the daemon's memory), with
 * real pipes. Behaves like `NodeOs`, which remains the fallback.
 */
import * as net from 'node:net';
import { ChildReaper } from './child-reaper';
import { readOutputPipe } from './fd-output-pipe';
import type { NativeAddon } from './native-addon';
import { PipedChild } from './piped-child';
import type { OsPort, SpawnOutcome, SpawnRequest } from './ports';
import { alignReadBufferWith, READ_BUFFER_BYTES } from './read-buffer';
import { execTargetFor, findSetpriv } from './setpriv';

export class NativeOs implements OsPort {
  private readonly reaper: ChildReaper;

  constructor(
    private readonly addon: NativeAddon,
    private readonly setprivPath: string | null = findSetpriv(),
  ) {
    this.reaper = new ChildReaper(addon);
    alignReadBufferWith((buffer) => addon.pageOffset(buffer));
  }

  spawn(request: SpawnRequest): SpawnOutcome {
    const target = execTargetFor(request, this.setprivPath);
    if (target === null) return { ok: false, code: 'ENOSYS', message: 'setpriv is not installed' };
    const envp = Object.entries(request.env).map(([name, value]) => `${name}=${value}`);
    const previousUmask = request.umask !== null ? process.umask(request.umask) : null;
    let started: [number, number, number, number];
    try {
      started = this.addon.spawn(
        target.file,
        [target.argv0, ...target.args],
        envp,
        request.cwd,
        request.stdinFd ?? -1,
        request.mergeStderr,
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      return { ok: false, code, message: (error as Error).message };
    } finally {
      if (previousUmask !== null) process.umask(previousUmask);
    }
    const [pid, stdinFd, stdoutFd, stderrFd] = started;
    const stdin = stdinFd >= 0 ? new net.Socket({ fd: stdinFd, readable: false, writable: true }) : null;
    const pipeOptions = { onBurst: this.growPipe };
    const stdout = readOutputPipe(stdoutFd, pipeOptions);
    const stderr = stderrFd >= 0 ? readOutputPipe(stderrFd, pipeOptions) : null;
    return {
      ok: true,
      child: new PipedChild(pid, stdin, stdout, stderr, (onExit) => this.reaper.watch(pid, onExit)),
    };
  }

  /**
   * A child that writes in bursts gets a pipe as large as a read (fewer, larger reads, and a
   * child that blocks less). Only where the kernel's per-user pipe limits do not apply (root):
   * elsewhere, large pipes would count against the user's pipe allowance and shrink the user's
   * new pipes.
   */
  private readonly growPipe = (fd: number): void => {
    if (process.geteuid?.() !== 0) return;
    try {
      this.addon.setPipeSize(fd, READ_BUFFER_BYTES);
    } catch {
      // The pipe keeps its size.
    }
  };

  kill(pid: number, signal: string, group: boolean): void {
    process.kill(group ? -pid : pid, signal as NodeJS.Signals);
  }
}

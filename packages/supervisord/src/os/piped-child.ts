/** A spawned child as the process model sees it: pid, pipes, and one exit report. */
import type { Writable } from 'node:stream';
import type { ChildExit, ChildHandle, OutputPipe } from './ports';

/** How long output still arriving after an exit is waited for (grandchildren may hold the pipes). */
const DRAIN_AFTER_EXIT_MS = 50;

/**
 * Reports the exit only once the output pipes are closed too (or `DRAIN_AFTER_EXIT_MS` after the
 * exit, when a grandchild keeps them open), so that the last lines a child wrote are logged
 * before its exit is.
 */
export class PipedChild implements ChildHandle {
  private exit: ChildExit | null = null;
  private readonly listeners: Array<(exit: ChildExit) => void> = [];

  /** `watchExit` calls its argument once, when the process has ended. */
  constructor(
    readonly pid: number,
    readonly stdin: Writable | null,
    readonly stdout: OutputPipe,
    readonly stderr: OutputPipe | null,
    watchExit: (onExit: (exit: ChildExit) => void) => void,
  ) {
    stdin?.on('error', () => {
      // EPIPE after the child closed its stdin: reported by the next write.
    });
    const pipes = stderr ? [stdout, stderr] : [stdout];
    let open = pipes.length;
    let exitSeen: ChildExit | null = null;
    let settled = false;
    let drainTimer: NodeJS.Timeout | null = null;
    const settle = (): void => {
      if (settled || exitSeen === null) return;
      settled = true;
      if (drainTimer) clearTimeout(drainTimer);
      this.exit = exitSeen;
      for (const listener of this.listeners) listener(exitSeen);
    };
    for (const pipe of pipes) {
      pipe.onClose(() => {
        open -= 1;
        if (open === 0) settle();
      });
    }
    watchExit((exit) => {
      exitSeen = exit;
      if (open === 0) settle();
      else drainTimer = setTimeout(settle, DRAIN_AFTER_EXIT_MS);
    });
  }

  onExit(listener: (exit: ChildExit) => void): void {
    if (this.exit) listener(this.exit);
    else this.listeners.push(listener);
  }
}

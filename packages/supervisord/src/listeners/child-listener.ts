/** Adapts a spawned child (the OS port's `ChildHandle`) to the pool's `ListenerProcess`. */
import type { ChildHandle } from '../os/ports';
import type { ListenerProcess } from './pool';

/**
 * `isRunning` must answer whether the process state is RUNNING right now. Writes go to the
 * child's stdin; a closed or destroyed stdin counts as EPIPE (the pool then tries the next
 * listener). An asynchronous write error is swallowed here: the child's exit re-buffers the
 * event it was sent.
 */
export function listenerProcessFromChild(name: string, child: ChildHandle, isRunning: () => boolean): ListenerProcess {
  const stdin = child.stdin;
  stdin?.on('error', () => undefined);
  return {
    name,
    isRunning,
    writeStdin(data: Buffer): boolean {
      if (stdin === null || stdin.destroyed || !stdin.writable) return false;
      stdin.write(data);
      return true;
    },
  };
}

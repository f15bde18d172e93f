/**
 * A child's output pipe as the daemon reads it: into the shared read buffer, lending each chunk
 * to the listeners for the length of the call.
 */
import * as net from 'node:net';
import type { OutputPipe } from './ports';
import { sharedReadBuffer } from './read-buffer';

/**
 * A read this large (half a pipe's default capacity of 64 KiB) shows a child writing in bursts:
 * that much piled up during one turn of the event loop. Waiting for a read that finds the pipe
 * full would rarely see one, since the daemon usually drains a pipe long before it fills.
 */
const BURST_BYTES = 32 * 1024;

/**
 * A child writing in little pieces (a line at a time) would otherwise cost one read() per piece:
 * after two reads in a row that got less than `TRICKLE_BYTES` each, reading pauses for
 * `READ_PAUSE_MS`, so that the next read collects what was written meanwhile. A single small
 * read after a large one is where a fast writer's burst was simply caught up with: pausing there
 * would leave that writer blocked on a full pipe, so reading goes on.
 */
const TRICKLE_BYTES = 4 * 1024;
const READ_PAUSE_MS = 1;

export interface FdOutputPipeOptions {
  /**
   * Called once, the first time a read takes in `BURST_BYTES` or more: the child writes in
   * bursts, and the pipe may be grown so that it blocks less and is read in larger pieces.
   */
  onBurst?: (fd: number) => void;
}

/** Reads the pipe whose read end is `fd` (the daemon's own descriptor, closed with the pipe). */
export function readOutputPipe(fd: number, options: FdOutputPipeOptions = {}): OutputPipe {
  const listeners: Array<(chunk: Buffer) => void> = [];
  let pauseTimer: NodeJS.Timeout | null = null;
  let bursting = false;
  let previousReadSmall = false;
  const onread: net.OnReadOpts = {
    buffer: sharedReadBuffer,
    callback: (bytesRead, buffer) => {
      const chunk = Buffer.from(buffer.buffer, buffer.byteOffset, bytesRead);
      for (const listener of listeners) listener(chunk);
      if (!bursting && bytesRead >= BURST_BYTES) {
        bursting = true;
        options.onBurst?.(fd);
      }
      const small = bytesRead < TRICKLE_BYTES;
      const trickling = small && previousReadSmall;
      previousReadSmall = small;
      if (!trickling || pauseTimer !== null) return true;
      pauseTimer = setTimeout(() => {
        pauseTimer = null;
        socket.resume();
      }, READ_PAUSE_MS);
      return false;
    },
  };
  const socket = new net.Socket({ fd, readable: true, writable: false, onread } as net.SocketConstructorOpts);
  // A read error ends the pipe like end of file does; 'close' follows either way.
  socket.on('error', () => {});
  socket.once('close', () => {
    if (pauseTimer !== null) clearTimeout(pauseTimer);
    pauseTimer = null;
  });
  return {
    onData: (listener) => void listeners.push(listener),
    onClose: (listener) => void socket.once('close', listener),
    destroy: () => void socket.destroy(),
  };
}

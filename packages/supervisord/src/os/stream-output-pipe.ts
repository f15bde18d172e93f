/** An output pipe that Node already reads as a stream (child_process's own stdout/stderr pipes). */
import type { Readable } from 'node:stream';
import type { OutputPipe } from './ports';

export function streamOutputPipe(stream: Readable): OutputPipe {
  stream.on('error', () => {
    // A read error ends the pipe like end of file does; 'close' follows either way.
  });
  return {
    onData: (listener) => void stream.on('data', listener),
    onClose: (listener) => void stream.once('close', listener),
    destroy: () => void stream.destroy(),
  };
}

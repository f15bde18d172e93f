import type { Controller } from './controller';
import { genericErrorLine } from './failures';
import type { LogStreamHandle } from './log-stream';

/** Starts streaming `path` to standard output; a non-200 answer is reported on standard error. */
export function openLogStream(ctl: Controller, path: string): LogStreamHandle {
  const connection = {
    serverurl: ctl.options.serverurl,
    username: ctl.options.username,
    password: ctl.options.password,
  };
  return ctl.logStreamer(connection, path, {
    data: (chunk) => ctl.io.write(chunk),
    refused: (status) => ctl.io.writeError(`${connection.serverurl}${path} Cannot read, status code ${status}\n`),
    failed: (error) => ctl.output(genericErrorLine(error)),
  });
}

/** `tail -f` / `maintail -f`: follow a log until the server ends it or Ctrl-C. */
export async function followLog(ctl: Controller, path: string): Promise<void> {
  ctl.output('==> Press Ctrl-C to exit <==');
  const handle = openLogStream(ctl, path);
  let interrupted = false;
  const stopListening = ctl.interrupts.listen(() => {
    interrupted = true;
    handle.close();
  });
  try {
    await handle.done;
  } finally {
    stopListening();
  }
  if (interrupted) ctl.output('');
}

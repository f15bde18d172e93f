/** Shell command lines for the programs the scenarios supervise (bash, coreutils). */

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A `command =` value that runs `script` with bash. */
export function bashCommand(script: string): string {
  return `/bin/bash -c ${shellQuote(script)}`;
}

/**
 * A child that appends "<pid> <epoch seconds with microseconds>" to `startsFile` when it
 * starts, then sleeps (same pid, thanks to exec).
 */
export function startStampingChild(startsFile: string): string {
  return bashCommand(`echo "$$ $EPOCHREALTIME" >> ${startsFile}; exec /bin/sleep 86400`);
}

/**
 * A child that opens `fifo`, writes `readyFile`, waits for one line on the fifo, runs
 * `producer` (its stdout goes to supervisord) and then sleeps.
 */
export function gatedProducerChild(fifo: string, readyFile: string, producer: string): string {
  return bashCommand(`exec 3<>${fifo}; echo ready > ${readyFile}; read -u 3 go; ${producer}; exec /bin/sleep 86400`);
}

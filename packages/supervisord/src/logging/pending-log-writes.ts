/**
 * Child output held back for a moment so that many small reads from a child's pipe reach the
 * log file as one write() instead of one write each.
 *
 * Bytes wait at most `LOG_WRITE_DELAY_MS`, or until `flushPendingLogWrites()` runs: every reader
 * of log files calls it first, so RPC and HTTP readers see every byte read so far. Two writers
 * of the same file (same device and inode) never hold bytes at the same time: the second one
 * flushes the first before it queues, so bytes reach a shared file in the order they were read.
 */

export interface HeldWrites {
  /** Writes every held byte now. */
  flushHeld(): void;
}

/** The longest time a read byte waits before it is written to its log file. */
export const LOG_WRITE_DELAY_MS = 3;

/** Writers holding bytes, by the identity (`dev:ino`) of the file they write to. */
const holding = new Map<string, HeldWrites>();
let timer: NodeJS.Timeout | null = null;
let exitHookInstalled = false;

/** Called by a writer that has just started holding bytes for the file `identity`. */
export function registerHeldWrites(identity: string, writer: HeldWrites): void {
  const other = holding.get(identity);
  if (other === writer) return;
  if (other !== undefined) other.flushHeld();
  holding.set(identity, writer);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', flushPendingLogWrites);
  }
  if (timer === null) {
    timer = setTimeout(flushPendingLogWrites, LOG_WRITE_DELAY_MS);
    timer.unref();
  }
}

/** Called by a writer that has written (or dropped) its held bytes itself. */
export function unregisterHeldWrites(identity: string, writer: HeldWrites): void {
  if (holding.get(identity) === writer) holding.delete(identity);
}

/** Writes every held byte of every log file now (before reading a log file, at exit). */
export function flushPendingLogWrites(): void {
  if (timer !== null) {
    clearTimeout(timer);
    timer = null;
  }
  if (holding.size === 0) return;
  for (const writer of [...holding.values()]) writer.flushHeld();
  holding.clear();
}

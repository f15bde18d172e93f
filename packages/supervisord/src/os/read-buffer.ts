/**
 * The one buffer every child output pipe reads into. Reads run one at a time on the event loop
 * thread, so a single buffer serves all pipes and reading never allocates; each chunk is lent to
 * the pipe's listeners for the length of the call.
 */

/**
 * The most one read takes in, and the size a busy child's pipe is grown to. A log file can pass
 * its maxbytes by up to one read before it rolls over (writes are never split), so this stays
 * modest.
 */
export const READ_BUFFER_BYTES = 256 * 1024;
const PAGE_BYTES = 4096;

/** How far into its memory page a buffer's first byte lies (the native addon can tell). */
export type PageOffset = (buffer: Buffer) => number;

let pageOffsetOf: PageOffset | null = null;
let shared: Buffer | null = null;

/**
 * Starts the shared buffer on a page boundary from now on. The kernel copies each read out of
 * the pipe's pages, which start on page boundaries; into a buffer a few bytes past one, the CPU
 * stalls on every store ("4K aliasing", see native/pipes.c): under a fast writer that copy took
 * a fifth to a third of the daemon's time instead of a few per cent.
 */
export function alignReadBufferWith(offsetOf: PageOffset): void {
  pageOffsetOf = offsetOf;
  shared = null;
}

/** The buffer the next read goes into. */
export function sharedReadBuffer(): Buffer {
  shared ??= pageOffsetOf === null ? Buffer.allocUnsafeSlow(READ_BUFFER_BYTES) : pageAligned(pageOffsetOf);
  return shared;
}

function pageAligned(offsetOf: PageOffset): Buffer {
  const memory = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES + PAGE_BYTES);
  const skip = (PAGE_BYTES - offsetOf(memory)) % PAGE_BYTES;
  return memory.subarray(skip, skip + READ_BUFFER_BYTES);
}

import * as fs from 'node:fs';
import { registerHeldWrites, unregisterHeldWrites, type HeldWrites } from './pending-log-writes';

export interface RotatingFileOptions {
  /** Roll over once the file reaches this many bytes; 0 or less never rolls over. */
  maxBytes: number;
  /** How many numbered backups (`path.1` … `path.N`) to keep; 0 truncates in place. */
  backups: number;
  /**
   * Told about write, rollover and reopen failures. Each kind of failure is reported once
   * until the file works again; the writer itself never throws out of `write()`.
   */
  onError?: (error: Error) => void;
  /**
   * Hold small writes to a regular file for a moment and write them together (see
   * `pending-log-writes.ts`). Rollover still happens right after the write that reaches
   * `maxBytes`: that write and everything held before it go out first.
   */
  holdWrites?: boolean;
}

const APPEND = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND;
const TRUNCATE_APPEND = APPEND | fs.constants.O_TRUNC;
const FILE_MODE = 0o666;
/** How often a write that cannot make progress (EAGAIN on a pipe) is retried before giving up. */
const MAX_WRITE_RETRIES = 1000;
/** Held bytes are written at once when they reach this size. */
const HOLD_LIMIT_BYTES = 64 * 1024;
/** A write at least this large is not held (when nothing is held yet): one write() is cheap next to it. */
const HOLD_BELOW_BYTES = 4 * 1024;

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function asError(error: unknown): Error {
  // Errors from node:fs may come from another realm (vm contexts), so no instanceof check.
  if (typeof error === 'object' && error !== null && typeof (error as Error).message === 'string') return error as Error;
  return new Error(String(error));
}

/**
 * A synchronous, size-rotated log file with supervisord's rollover rules:
 * after each write, when the file has reached `maxBytes`, `path.(i)` becomes `path.(i+1)`
 * for i = backups-1 … 1, `path` becomes `path.1`, and `path` starts again empty.
 * Writes are never split across files. Targets that are not regular files (terminals,
 * pipes, FIFOs, character devices such as `/dev/stdout` or `/dev/null`) never roll over.
 */
export class RotatingFile implements HeldWrites {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly backups: number;
  private readonly onError: ((error: Error) => void) | undefined;
  private fd: number | null = null;
  /** Bytes in the current file as far as this writer knows (start size plus writes). */
  private size = 0;
  private rotatable = false;
  private closed = false;
  private failing = false;
  private readonly holdWrites: boolean;
  /** `dev:ino` of the open file. */
  private identity = '';
  /** Identity under which held bytes are registered, or null when nothing is held. */
  private heldIdentity: string | null = null;
  private held: Buffer[] = [];
  private heldBytes = 0;

  /** Opens (creating if needed) `path` for appending; throws when it cannot be opened. */
  constructor(path: string, opts: RotatingFileOptions) {
    this.path = path;
    this.maxBytes = opts.maxBytes;
    this.backups = Math.max(0, Math.floor(opts.backups));
    this.onError = opts.onError;
    this.holdWrites = opts.holdWrites === true;
    this.openFile(APPEND);
  }

  /** True while the target is a regular file and maxBytes > 0. */
  get rotates(): boolean {
    return this.rotatable && this.maxBytes > 0;
  }

  /** Writes (or holds a copy of) `data`; the buffer is not kept after the call returns. */
  write(data: Buffer | string): void {
    if (this.closed) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes.length === 0) return;
    if (this.fd === null && !this.tryReopen()) return;
    if (this.holdWrites && this.rotatable) {
      const total = this.heldBytes + bytes.length;
      const reachesMax = this.rotates && this.size + total >= this.maxBytes;
      const small = this.heldBytes > 0 || bytes.length < HOLD_BELOW_BYTES;
      if (small && !reachesMax && total < HOLD_LIMIT_BYTES) {
        this.hold(bytes);
        return;
      }
      if (this.heldBytes > 0) {
        // Written together with what is held, at once (flushHeld copies it into one buffer).
        this.held.push(bytes);
        this.heldBytes = total;
        this.flushHeld();
        return;
      }
    }
    this.writeNow(bytes);
  }

  /** Writes the held bytes now (before a read of the file, a reopen, a clear or a close). */
  flushHeld(): void {
    if (this.heldBytes === 0) return;
    const bytes = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held, this.heldBytes);
    this.dropHeld();
    if (this.fd === null && !this.tryReopen()) return;
    this.writeNow(bytes);
  }

  private hold(bytes: Buffer): void {
    // A copy: callers may lend a buffer that is reused after write() returns.
    this.held.push(Buffer.from(bytes));
    this.heldBytes += bytes.length;
    if (this.heldIdentity === null) {
      this.heldIdentity = this.identity;
      registerHeldWrites(this.identity, this);
    }
  }

  private dropHeld(): void {
    this.held = [];
    this.heldBytes = 0;
    if (this.heldIdentity !== null) {
      unregisterHeldWrites(this.heldIdentity, this);
      this.heldIdentity = null;
    }
  }

  private writeNow(bytes: Buffer): void {
    try {
      this.writeAll(bytes);
      this.size += bytes.length;
      this.failing = false;
    } catch (error) {
      this.report(error);
      return;
    }
    if (this.rotates && this.size >= this.maxBytes) this.rollOverIfFull();
  }

  /** Closes and reopens `path` for appending (after an outside rename, or on SIGUSR2). */
  reopen(): void {
    if (this.closed) return;
    this.flushHeld();
    this.closeFd();
    this.tryReopen();
  }

  /**
   * Removes the current file and starts a new empty one; rotated backups stay. Targets that
   * are not regular files are only reopened, never removed. Throws when the file cannot be
   * removed or recreated (the writer still keeps trying on later writes).
   */
  clear(): void {
    if (this.closed) return;
    this.flushHeld();
    const wasRegular = this.rotatable;
    this.closeFd();
    if (wasRegular) {
      try {
        fs.unlinkSync(this.path);
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') {
          this.tryReopen();
          throw asError(error);
        }
      }
    }
    this.openFile(APPEND);
  }

  close(): void {
    if (this.closed) return;
    this.flushHeld();
    this.closeFd();
    this.closed = true;
  }

  private openFile(flags: number): void {
    const fd = fs.openSync(this.path, flags, FILE_MODE);
    try {
      const stat = fs.fstatSync(fd);
      this.rotatable = stat.isFile();
      this.size = this.rotatable ? stat.size : 0;
      this.identity = `${stat.dev}:${stat.ino}`;
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    this.fd = fd;
  }

  private tryReopen(): boolean {
    try {
      this.openFile(APPEND);
      return true;
    } catch (error) {
      this.report(error);
      return false;
    }
  }

  private closeFd(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fs.closeSync(fd);
    } catch {
      // A failing close leaves nothing to recover; the descriptor is gone either way.
    }
  }

  private writeAll(bytes: Buffer): void {
    let offset = 0;
    let retries = 0;
    while (offset < bytes.length) {
      try {
        // A null position writes at the current position (the end, in append mode).
        offset += fs.writeSync(this.fd as number, bytes, offset, bytes.length - offset, null);
        retries = 0;
      } catch (error) {
        if (errnoCode(error) === 'EAGAIN' && retries < MAX_WRITE_RETRIES) {
          retries += 1;
          continue;
        }
        throw error;
      }
    }
  }

  private rollOverIfFull(): void {
    // Another writer may have truncated the file (copytruncate): trust the file, not the count.
    try {
      this.size = fs.fstatSync(this.fd as number).size;
    } catch (error) {
      this.report(error);
      return;
    }
    if (this.size < this.maxBytes) return;
    this.closeFd();
    if (this.backups > 0) {
      try {
        for (let i = this.backups - 1; i >= 1; i -= 1) {
          const source = `${this.path}.${i}`;
          if (fs.existsSync(source)) this.moveOver(source, `${this.path}.${i + 1}`);
        }
        this.moveOver(this.path, `${this.path}.1`);
      } catch (error) {
        // Keep every byte: continue appending to the unrotated file rather than truncating it.
        this.report(error);
        this.tryReopen();
        return;
      }
    }
    try {
      this.openFile(TRUNCATE_APPEND);
    } catch (error) {
      this.report(error);
    }
  }

  /**
   * Renames `source` to `target`, removing `target` first as supervisord does. Renaming over an
   * existing file would also make ext4 (auto_da_alloc) start writing the source's pending data
   * out at once, in the middle of the child's output.
   */
  private moveOver(source: string, target: string): void {
    try {
      fs.unlinkSync(target);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
    }
    try {
      fs.renameSync(source, target);
    } catch (error) {
      // The source may have been removed by someone else meanwhile; that is not an error.
      if (errnoCode(error) !== 'ENOENT') throw error;
    }
  }

  private report(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.onError?.(asError(error));
  }
}

/** How commands talk to the person (or script) at the other end. */
export interface TerminalIo {
  /** Writes text or raw bytes to standard output. */
  write(data: string | Buffer): void;
  /** Writes text to standard error. */
  writeError(text: string): void;
  /** Shows `prompt` and reads one line; null at end of input or when `signal` aborts the read. */
  readLine(prompt: string, signal?: AbortSignal): Promise<string | null>;
  /** Like readLine but without echoing what is typed. */
  readSecret(prompt: string): Promise<string | null>;
}

/**
 * Ctrl-C while a command runs: a streaming command registers a handler for as long as it streams;
 * whoever receives the interrupt (readline or a SIGINT handler) calls `fire`.
 */
export class InterruptGate {
  private readonly handlers: Array<() => void> = [];

  listen(handler: () => void): () => void {
    this.handlers.push(handler);
    return () => {
      const index = this.handlers.indexOf(handler);
      if (index >= 0) this.handlers.splice(index, 1);
    };
  }

  /** Delivers the interrupt to the latest listener; false when nobody was listening. */
  fire(): boolean {
    const handler = this.handlers[this.handlers.length - 1];
    if (handler === undefined) return false;
    handler();
    return true;
  }

  get listening(): boolean {
    return this.handlers.length > 0;
  }
}

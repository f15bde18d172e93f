/** supervisord's pidfile: written once running, removed at exit. */
import * as fs from 'node:fs';

export class Pidfile {
  private written = false;

  constructor(readonly path: string) {}

  /** Returns an error text for the activity log when the file cannot be written. */
  write(pid: number): string | null {
    try {
      fs.writeFileSync(this.path, `${pid}\n`);
      this.written = true;
      return null;
    } catch {
      return `could not write pidfile ${this.path}`;
    }
  }

  remove(): void {
    if (!this.written) return;
    this.written = false;
    try {
      fs.unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

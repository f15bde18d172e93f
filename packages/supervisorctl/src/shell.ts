import type { Controller } from './controller';
import type { LineInput } from './line-input';

/**
 * The interactive loop: `status` first, then `<prompt>> ` until quit, exit or end of input.
 * Ctrl-C while a stream runs ends the stream; anywhere else it ends the shell after an empty line.
 */
export class Shell {
  private leaving = false;
  private leave: () => void = () => undefined;
  private readonly left = new Promise<void>((resolve) => {
    this.leave = resolve;
  });

  constructor(
    private readonly ctl: Controller,
    private readonly input: LineInput,
  ) {}

  /** Ctrl-C outside a stream: an empty line, then the shell ends. */
  interrupt(): void {
    if (this.ctl.interrupts.fire()) return;
    if (this.leaving) return;
    this.leaving = true;
    this.ctl.output('');
    this.leave();
  }

  async run(): Promise<void> {
    await Promise.race([this.loop(), this.left]);
    this.leaving = true;
  }

  private async loop(): Promise<void> {
    if (await this.ctl.onecmd('status')) return;
    while (!this.leaving) {
      const line = await this.input.read(`${this.ctl.options.prompt}> `);
      if (this.leaving) return;
      if (await this.ctl.onecmd(line ?? 'EOF')) return;
    }
  }
}

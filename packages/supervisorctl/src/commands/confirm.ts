import type { Controller } from '../controller';

/** In interactive mode asks `question`; only an answer starting with y or Y proceeds. */
export async function confirmed(ctl: Controller, question: string): Promise<boolean> {
  if (!ctl.options.interactive) return true;
  const answer = await ctl.io.readLine(question);
  if (answer === null) throw new EndOfInput();
  return answer.toLowerCase().startsWith('y');
}

/** End of input while a question waits for its answer (upstream: EOFError). */
export class EndOfInput extends Error {
  readonly pythonClass = 'EOFError';

  constructor() {
    super('EOF when reading a line');
    this.name = 'EndOfInput';
  }
}

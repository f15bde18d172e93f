/**
 * Thrown by a value converter. `message` is Supervisor 4.2.5's wording for the problem (it names
 * the bad value); `expected` says in plain words what would have been accepted.
 */
export class ConversionError extends Error {
  constructor(
    message: string,
    readonly expected: string,
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

export function main(argv: string[]): void {
  process.stderr.write(`supervisord: not implemented yet (${argv.join(' ')})\n`);
  process.exitCode = 2;
}

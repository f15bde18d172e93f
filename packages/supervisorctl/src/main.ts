export function main(argv: string[]): void {
  process.stderr.write(`supervisorctl: not implemented yet (${argv.join(' ')})\n`);
  process.exitCode = 2;
}

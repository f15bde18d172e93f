/** Command-line flags of the bench. */
import path from 'node:path';
import type { DaemonKind } from './daemon-launcher';

export interface BenchOptions {
  quick: boolean;
  only: string[] | null;
  skip: string[];
  daemons: DaemonKind[];
  outFile: string;
  markdown: boolean;
  keepWorkDirs: boolean;
  cpuProfileDir: string | null;
  list: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --quick               fewer samples, shorter windows, smaller volumes (about a third of the time)
  --only=a,b            run only these scenarios (see --list)
  --skip=a,b            run all scenarios but these
  --daemons=ours,real   which daemons to measure (default both; each scenario runs on one at a time)
  --out=FILE            JSON results (default bench-results/latest.json)
  --markdown            also print the table as Markdown
  --cpu-prof            run our daemon under node --cpu-prof (profiles in bench-results/profiles)
  --keep                keep the temp dirs (configs, daemon logs)
  --list                list the scenarios and exit
  --help                this text`;

const REPO_ROOT = path.resolve(__dirname, '..', '..');

function listValue(flag: string, value: string | undefined): string[] {
  if (!value) throw new Error(`${flag} needs a value`);
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    quick: false,
    only: null,
    skip: [],
    daemons: ['real', 'ours'],
    outFile: path.join(REPO_ROOT, 'bench-results', 'latest.json'),
    markdown: false,
    keepWorkDirs: false,
    cpuProfileDir: null,
    list: false,
    help: false,
  };
  for (const argument of argv) {
    const [flag, value] = argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    switch (flag) {
      case '--quick':
        options.quick = true;
        break;
      case '--only':
        options.only = listValue(flag, value);
        break;
      case '--skip':
        options.skip = listValue(flag, value);
        break;
      case '--daemons': {
        const daemons = listValue(flag, value);
        for (const daemon of daemons) if (daemon !== 'ours' && daemon !== 'real') throw new Error(`unknown daemon ${daemon} (ours, real)`);
        // The real one first, so a scenario's reference number exists when ours is measured.
        options.daemons = (['real', 'ours'] as const).filter((kind) => daemons.includes(kind));
        break;
      }
      case '--out':
        if (!value) throw new Error('--out needs a file');
        options.outFile = path.resolve(value);
        break;
      case '--markdown':
        options.markdown = true;
        break;
      case '--cpu-prof':
        options.cpuProfileDir = path.join(REPO_ROOT, 'bench-results', 'profiles');
        break;
      case '--keep':
        options.keepWorkDirs = true;
        break;
      case '--list':
        options.list = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${argument}`);
    }
  }
  return options;
}

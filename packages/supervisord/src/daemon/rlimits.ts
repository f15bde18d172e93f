/** `minfds` / `minprocs`: raise RLIMIT_NOFILE / RLIMIT_NPROC as upstream does at first start. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { StartupError } from './privileges';

interface Limit {
  soft: number;
  hard: number;
}

/** Reads a limit from /proc/self/limits (`unlimited` becomes Infinity); null when unknown. */
export function readLimit(label: string): Limit | null {
  let text: string;
  try {
    text = fs.readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return null;
  }
  const line = text.split('\n').find((entry) => entry.startsWith(label));
  if (!line) return null;
  const [soft, hard] = line.slice(label.length).trim().split(/\s+/);
  const parse = (value: string): number => (value === 'unlimited' ? Infinity : Number(value));
  return { soft: parse(soft), hard: parse(hard) };
}

interface LimitSpec {
  label: string;
  option: string;
  name: string;
  setting: string;
  minimum: number;
}

function raise(spec: LimitSpec): string | null {
  const limit = readLimit(spec.label);
  if (limit === null || limit.soft >= spec.minimum) return null;
  const hard = limit.hard >= spec.minimum ? limit.hard : spec.minimum;
  const hardText = hard === Infinity ? 'unlimited' : String(hard);
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--${spec.option}=${spec.minimum}:${hardText}`], {
      stdio: 'ignore',
    });
  } catch {
    throw new StartupError(
      `The minimum number of ${spec.setting} required to run this process is ${spec.minimum} as per the "${spec.option === 'nofile' ? 'minfds' : 'minprocs'}" command-line argument or config file setting. The current environment will only allow you to open ${limit.soft} ${spec.setting}.  Either raise the number of usable ${spec.setting} in your environment (see README.rst) or lower the ${spec.option === 'nofile' ? 'minfds' : 'minprocs'} setting in the config file to allow the process to start.`,
    );
  }
  return `Increased ${spec.name} limit to ${spec.minimum}`;
}

/** Returns the INFO messages to log; throws a StartupError when a limit cannot be raised. */
export function ensureLimits(minfds: number, minprocs: number): string[] {
  const messages: string[] = [];
  const nofile = raise({ label: 'Max open files', option: 'nofile', name: 'RLIMIT_NOFILE', setting: 'file descriptors', minimum: minfds });
  if (nofile) messages.push(nofile);
  const nproc = raise({ label: 'Max processes', option: 'nproc', name: 'RLIMIT_NPROC', setting: 'processes', minimum: minprocs });
  if (nproc) messages.push(nproc);
  return messages;
}

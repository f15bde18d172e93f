/** A description of the machine and software a run was measured on. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { REAL_SUPERVISORD } from './daemon-launcher';

function commandOutput(file: string, args: string[]): string | null {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10000 }).trim();
  } catch {
    return null;
  }
}

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  python: string | null;
  realSupervisord: string | null;
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    python: commandOutput('/usr/bin/python3', ['--version']),
    realSupervisord: commandOutput(REAL_SUPERVISORD, ['--version']),
  };
}

export function describeMachine(info: MachineInfo): string {
  return `${info.cpus} x ${info.cpuModel}, ${info.memoryGiB} GiB RAM, ${info.kernel}; node ${info.node}; ${info.python ?? 'no python3'}; real supervisord ${info.realSupervisord ?? 'not installed'}`;
}

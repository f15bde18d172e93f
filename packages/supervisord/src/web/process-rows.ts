/**
 * What the status page shows for each process, read from the supervisor model: one row per
 * process in lexical order (group, then process name).
 */
import { makeNamespec, type ProcessStateName } from '@supervisor-ts/protocol';
import type { ProcessView, SupervisorModel } from '../supervision/model';
import { describeProcess } from '../rpc/process-info';

/** The per-process actions the UI offers. */
export type ProcessAction = 'start' | 'restart' | 'stop' | 'clearlog';

export interface ProcessRow {
  namespec: string;
  group: string;
  name: string;
  statename: ProcessStateName;
  /** `running`, `error` or `nominal`: how the state is coloured. */
  tone: StateTone;
  description: string;
  /** The state-changing actions available in this state (clear log is always available). */
  actions: ProcessAction[];
}

export type StateTone = 'running' | 'error' | 'nominal';

export function stateTone(state: ProcessStateName): StateTone {
  if (state === 'RUNNING') return 'running';
  if (state === 'FATAL' || state === 'BACKOFF') return 'error';
  return 'nominal';
}

export function availableActions(state: ProcessStateName): ProcessAction[] {
  switch (state) {
    case 'RUNNING':
      return ['restart', 'stop', 'clearlog'];
    case 'STOPPED':
    case 'EXITED':
    case 'FATAL':
      return ['start', 'clearlog'];
    default:
      return ['clearlog'];
  }
}

export function processRow(process: ProcessView, nowSeconds: number): ProcessRow {
  return {
    namespec: makeNamespec(process.group, process.name),
    group: process.group,
    name: process.name,
    statename: process.state,
    tone: stateTone(process.state),
    description: describeProcess(process, nowSeconds),
    actions: availableActions(process.state),
  };
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every process of every running group, sorted by group name then process name. */
export function allProcesses(model: SupervisorModel): ProcessView[] {
  const processes = model.groups().flatMap((group) => [...group.processes]);
  return processes.sort((a, b) => compareCodePoints(a.group, b.group) || compareCodePoints(a.name, b.name));
}

export function processRows(model: SupervisorModel, nowSeconds: number = Date.now() / 1000): ProcessRow[] {
  return allProcesses(model).map((process) => processRow(process, nowSeconds));
}

/** Finds a single process by namespec (`name` or `group:name`); undefined for group forms. */
export function findProcess(model: SupervisorModel, namespec: string): ProcessView | undefined {
  const colon = namespec.indexOf(':');
  const groupName = colon === -1 ? namespec : namespec.slice(0, colon);
  const processName = colon === -1 ? namespec : namespec.slice(colon + 1);
  return model.getGroup(groupName)?.processes.find((p) => p.name === processName);
}

/**
 * Builders for the events that are not process state changes (those come from
 * `process-state-event.ts`), with the tokens 4.2.5 puts in each, in its order.
 */
import type { ChildOutputEvent } from '../logging/child-output';
import type { SupervisorEvent } from './bus';
import type { TickEventType } from './event-types';

/** PROCESS_LOG_* / PROCESS_COMMUNICATION_* from a child output event and the child's pid. */
export function processOutputEvent(output: ChildOutputEvent, pid: number): SupervisorEvent {
  const base: Array<[string, string | number]> = [
    ['processname', output.processName],
    ['groupname', output.groupName],
    ['pid', pid],
  ];
  if (output.type === 'PROCESS_LOG_STDOUT') base.push(['channel', 'stdout']);
  if (output.type === 'PROCESS_LOG_STDERR') base.push(['channel', 'stderr']);
  return { type: output.type, fields: base, body: output.data };
}

/** `supervisor.sendRemoteCommEvent(type, data)`. */
export function remoteCommunicationEvent(type: string, data: string): SupervisorEvent {
  return { type: 'REMOTE_COMMUNICATION', fields: [['type', type]], body: data };
}

export function supervisorStateChangeEvent(state: 'RUNNING' | 'STOPPING'): SupervisorEvent {
  return { type: `SUPERVISOR_STATE_CHANGE_${state}`, fields: [], body: '' };
}

/** `when` is the boundary crossed, in epoch seconds (a multiple of the period). */
export function tickEvent(type: TickEventType, when: number): SupervisorEvent {
  return { type, fields: [['when', when]], body: '' };
}

export function processGroupEvent(change: 'ADDED' | 'REMOVED', groupName: string): SupervisorEvent {
  return { type: `PROCESS_GROUP_${change}`, fields: [['groupname', groupName]], body: '' };
}

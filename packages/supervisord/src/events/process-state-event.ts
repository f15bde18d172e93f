/** Builds PROCESS_STATE_<STATE> events with the tokens 4.2.5 puts in each one. */
import type { ProcessStateName } from '@supervisor-ts/protocol';
import type { EventFieldValue, SupervisorEvent } from './bus';

export interface ProcessStateChange {
  processName: string;
  groupName: string;
  from: ProcessStateName;
  to: ProcessStateName;
  /** Consecutive failed starts at the time of the change. */
  tries: number;
  pid: number;
  expected: boolean;
}

export function processStateEvent(change: ProcessStateChange): SupervisorEvent {
  const fields: Array<[string, EventFieldValue]> = [
    ['processname', change.processName],
    ['groupname', change.groupName],
    ['from_state', change.from],
  ];
  switch (change.to) {
    case 'STARTING':
    case 'BACKOFF':
      fields.push(['tries', change.tries]);
      break;
    case 'EXITED':
      fields.push(['expected', change.expected ? 1 : 0], ['pid', change.pid]);
      break;
    case 'RUNNING':
    case 'STOPPING':
    case 'STOPPED':
      fields.push(['pid', change.pid]);
      break;
    default:
      break;
  }
  return { type: `PROCESS_STATE_${change.to}`, fields, body: '' };
}

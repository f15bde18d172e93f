import {
  ABSTRACT_EVENT_TYPES,
  EVENT_TYPE_PARENTS,
  concreteTypesFor,
  eventTypeFromConfigName,
  eventTypeLineage,
  matchesSubscription,
  minimalSubscriptions,
  type EventTypeName,
} from '../../src/events/event-types';
import { eventMatches } from '../../src/events/bus';

const ALL = Object.keys(EVENT_TYPE_PARENTS) as EventTypeName[];

describe('event types of 4.2.5', () => {
  it('has every type name, with its parent', () => {
    expect([...ALL].sort()).toEqual([
      'EVENT', 'PROCESS_COMMUNICATION', 'PROCESS_COMMUNICATION_STDERR', 'PROCESS_COMMUNICATION_STDOUT',
      'PROCESS_GROUP', 'PROCESS_GROUP_ADDED', 'PROCESS_GROUP_REMOVED', 'PROCESS_LOG', 'PROCESS_LOG_STDERR',
      'PROCESS_LOG_STDOUT', 'PROCESS_STATE', 'PROCESS_STATE_BACKOFF', 'PROCESS_STATE_EXITED',
      'PROCESS_STATE_FATAL', 'PROCESS_STATE_RUNNING', 'PROCESS_STATE_STARTING', 'PROCESS_STATE_STOPPED',
      'PROCESS_STATE_STOPPING', 'PROCESS_STATE_UNKNOWN', 'REMOTE_COMMUNICATION', 'SUPERVISOR_STATE_CHANGE',
      'SUPERVISOR_STATE_CHANGE_RUNNING', 'SUPERVISOR_STATE_CHANGE_STOPPING', 'TICK', 'TICK_3600', 'TICK_5',
      'TICK_60',
    ]);
    expect(EVENT_TYPE_PARENTS.PROCESS_STATE_RUNNING).toBe('PROCESS_STATE');
    expect(EVENT_TYPE_PARENTS.PROCESS_COMMUNICATION_STDERR).toBe('PROCESS_COMMUNICATION');
    expect(EVENT_TYPE_PARENTS.REMOTE_COMMUNICATION).toBe('EVENT');
    expect(EVENT_TYPE_PARENTS.TICK_3600).toBe('TICK');
    expect(EVENT_TYPE_PARENTS.PROCESS_GROUP_REMOVED).toBe('PROCESS_GROUP');
    expect(EVENT_TYPE_PARENTS.SUPERVISOR_STATE_CHANGE_STOPPING).toBe('SUPERVISOR_STATE_CHANGE');
    expect(eventTypeLineage('TICK_60')).toEqual(['TICK_60', 'TICK', 'EVENT']);
  });

  it('matches a type by itself or any ancestor, case-insensitively, as events= lists them', () => {
    expect(matchesSubscription('PROCESS_STATE_EXITED', 'PROCESS_STATE')).toBe(true);
    expect(matchesSubscription('PROCESS_STATE_EXITED', 'process_state')).toBe(true);
    expect(matchesSubscription('PROCESS_STATE_EXITED', 'EVENT')).toBe(true);
    expect(matchesSubscription('PROCESS_STATE_EXITED', 'PROCESS_STATE_EXITED')).toBe(true);
    expect(matchesSubscription('PROCESS_STATE_EXITED', 'PROCESS_STATE_RUNNING')).toBe(false);
    expect(matchesSubscription('PROCESS_LOG_STDOUT', 'PROCESS_COMMUNICATION')).toBe(false);
    expect(matchesSubscription('TICK_5', 'PROCESS')).toBe(false);
    expect(matchesSubscription('TICK_5', 'NOPE')).toBe(false);
  });

  it('agrees with the bus for every pair of type and subscription', () => {
    for (const type of ALL) {
      for (const subscription of ALL) {
        expect([type, subscription, eventMatches(type, subscription)]).toEqual([
          type,
          subscription,
          matchesSubscription(type, subscription),
        ]);
      }
    }
  });

  it('lists the concrete types a subscription set receives', () => {
    expect(concreteTypesFor(['TICK'])).toEqual(['TICK_5', 'TICK_60', 'TICK_3600']);
    expect(concreteTypesFor(['EVENT'])).toHaveLength(ALL.length - ABSTRACT_EVENT_TYPES.length);
  });

  it('reduces a subscription list so that no event matches twice', () => {
    expect(minimalSubscriptions(['PROCESS_STATE_RUNNING', 'process_state', 'TICK_60', 'TICK_60'])).toEqual([
      'PROCESS_STATE',
      'TICK_60',
    ]);
    expect(minimalSubscriptions(['TICK_5', 'EVENT', 'PROCESS_LOG'])).toEqual(['EVENT']);
    expect(eventTypeFromConfigName(' tick_5 ')).toBe('TICK_5');
    expect(eventTypeFromConfigName('TICK_10')).toBeNull();
  });
});

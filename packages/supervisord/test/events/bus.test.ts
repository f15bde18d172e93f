import { EventBus, eventMatches, type SupervisorEvent } from '../../src/events/bus';

const event = (type: string): SupervisorEvent => ({ type, fields: [['groupname', 'g']], body: '' });

describe('EventBus', () => {
  test('subscriptions by concrete type, ancestor category and EVENT', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe('PROCESS_STATE_RUNNING', (e) => seen.push(`running:${e.type}`));
    bus.subscribe('PROCESS_STATE', (e) => seen.push(`state:${e.type}`));
    bus.subscribe('EVENT', (e) => seen.push(`all:${e.type}`));
    bus.publish(event('PROCESS_STATE_RUNNING'));
    bus.publish(event('PROCESS_GROUP_ADDED'));
    expect(seen).toEqual([
      'running:PROCESS_STATE_RUNNING',
      'state:PROCESS_STATE_RUNNING',
      'all:PROCESS_STATE_RUNNING',
      'all:PROCESS_GROUP_ADDED',
    ]);
    expect(eventMatches('PROCESS_STATES', 'PROCESS_STATE')).toBe(false);
  });

  test('a throwing subscriber is isolated and reported; the others still run', () => {
    const errors: string[] = [];
    const bus = new EventBus((error, e) => errors.push(`${e.type}: ${(error as Error).message}`));
    const seen: string[] = [];
    bus.subscribe('EVENT', () => {
      throw new Error('boom');
    });
    bus.subscribe('EVENT', (e) => seen.push(e.type));
    bus.publish(event('TICK_5'));
    expect(seen).toEqual(['TICK_5']);
    expect(errors).toEqual(['TICK_5: boom']);
  });

  test('events are frozen snapshots; unsubscribe stops delivery', () => {
    const bus = new EventBus();
    const received: SupervisorEvent[] = [];
    const unsubscribe = bus.subscribe('EVENT', (e) => received.push(e));
    const fields: Array<[string, string]> = [['groupname', 'g']];
    bus.publish({ type: 'PROCESS_GROUP_ADDED', fields, body: '' });
    fields[0][1] = 'changed';
    expect(received[0].fields[0][1]).toBe('g');
    expect(Object.isFrozen(received[0])).toBe(true);
    unsubscribe();
    bus.publish(event('PROCESS_GROUP_REMOVED'));
    expect(received).toHaveLength(1);
  });

  test('two buses are independent', () => {
    const a = new EventBus();
    const b = new EventBus();
    const seen: string[] = [];
    a.subscribe('EVENT', () => seen.push('a'));
    b.publish(event('TICK_5'));
    expect(seen).toEqual([]);
  });
});

/**
 * The event types of supervisord 4.2.5 and their hierarchy.
 *
 * Every type has one parent; subscribing to a type delivers that type and all its
 * descendants (`PROCESS_STATE` delivers every `PROCESS_STATE_*`, `EVENT` delivers everything).
 * Abstract types are never emitted, only subscribed to.
 */

/** Each event type name mapped to its parent (null for the root `EVENT`). */
export const EVENT_TYPE_PARENTS = {
  EVENT: null,
  PROCESS_STATE: 'EVENT',
  PROCESS_STATE_STOPPED: 'PROCESS_STATE',
  PROCESS_STATE_EXITED: 'PROCESS_STATE',
  PROCESS_STATE_STARTING: 'PROCESS_STATE',
  PROCESS_STATE_STOPPING: 'PROCESS_STATE',
  PROCESS_STATE_BACKOFF: 'PROCESS_STATE',
  PROCESS_STATE_FATAL: 'PROCESS_STATE',
  PROCESS_STATE_RUNNING: 'PROCESS_STATE',
  PROCESS_STATE_UNKNOWN: 'PROCESS_STATE',
  PROCESS_LOG: 'EVENT',
  PROCESS_LOG_STDOUT: 'PROCESS_LOG',
  PROCESS_LOG_STDERR: 'PROCESS_LOG',
  PROCESS_COMMUNICATION: 'EVENT',
  PROCESS_COMMUNICATION_STDOUT: 'PROCESS_COMMUNICATION',
  PROCESS_COMMUNICATION_STDERR: 'PROCESS_COMMUNICATION',
  REMOTE_COMMUNICATION: 'EVENT',
  SUPERVISOR_STATE_CHANGE: 'EVENT',
  SUPERVISOR_STATE_CHANGE_RUNNING: 'SUPERVISOR_STATE_CHANGE',
  SUPERVISOR_STATE_CHANGE_STOPPING: 'SUPERVISOR_STATE_CHANGE',
  TICK: 'EVENT',
  TICK_5: 'TICK',
  TICK_60: 'TICK',
  TICK_3600: 'TICK',
  PROCESS_GROUP: 'EVENT',
  PROCESS_GROUP_ADDED: 'PROCESS_GROUP',
  PROCESS_GROUP_REMOVED: 'PROCESS_GROUP',
} as const;

export type EventTypeName = keyof typeof EVENT_TYPE_PARENTS;

/** Types that are only categories: valid in `events=`, never emitted. */
export const ABSTRACT_EVENT_TYPES: readonly EventTypeName[] = [
  'EVENT',
  'PROCESS_STATE',
  'PROCESS_LOG',
  'PROCESS_COMMUNICATION',
  'SUPERVISOR_STATE_CHANGE',
  'TICK',
  'PROCESS_GROUP',
];

export const PROCESS_STATE_EVENT_TYPES = [
  'PROCESS_STATE_STOPPED',
  'PROCESS_STATE_EXITED',
  'PROCESS_STATE_STARTING',
  'PROCESS_STATE_STOPPING',
  'PROCESS_STATE_BACKOFF',
  'PROCESS_STATE_FATAL',
  'PROCESS_STATE_RUNNING',
  'PROCESS_STATE_UNKNOWN',
] as const;
export type ProcessStateEventType = (typeof PROCESS_STATE_EVENT_TYPES)[number];

export const TICK_EVENT_TYPES = ['TICK_5', 'TICK_60', 'TICK_3600'] as const;
export type TickEventType = (typeof TICK_EVENT_TYPES)[number];

/** Seconds between two ticks of each TICK type. */
export const TICK_PERIODS: Readonly<Record<TickEventType, number>> = { TICK_5: 5, TICK_60: 60, TICK_3600: 3600 };

const ALL_NAMES = Object.keys(EVENT_TYPE_PARENTS) as EventTypeName[];

export function isEventTypeName(name: string): name is EventTypeName {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPE_PARENTS, name);
}

export function isAbstractEventType(name: EventTypeName): boolean {
  return ABSTRACT_EVENT_TYPES.includes(name);
}

/**
 * The canonical name for a name written in `events=` (matched case-insensitively, surrounding
 * whitespace ignored), or null when 4.2.5 knows no such type.
 */
export function eventTypeFromConfigName(name: string): EventTypeName | null {
  const upper = name.trim().toUpperCase();
  return isEventTypeName(upper) ? upper : null;
}

/** The type itself followed by its parent, grandparent … up to `EVENT`. */
export function eventTypeLineage(type: EventTypeName): EventTypeName[] {
  const lineage: EventTypeName[] = [];
  let current: EventTypeName | null = type;
  while (current !== null) {
    lineage.push(current);
    current = EVENT_TYPE_PARENTS[current];
  }
  return lineage;
}

/**
 * Whether an event of type `eventType` is delivered to a subscription to `subscription`
 * (a name as written in `events=`, any case): true when the subscription names the type or
 * one of its ancestors. Unknown subscription names match nothing.
 */
export function matchesSubscription(eventType: EventTypeName, subscription: string): boolean {
  const wanted = eventTypeFromConfigName(subscription);
  return wanted !== null && eventTypeLineage(eventType).includes(wanted);
}

/** Whether any of the subscription names matches the event type. */
export function matchesAnySubscription(eventType: EventTypeName, subscriptions: readonly string[]): boolean {
  return subscriptions.some((subscription) => matchesSubscription(eventType, subscription));
}

/** Every concrete (emittable) type a set of subscription names receives, in table order. */
export function concreteTypesFor(subscriptions: readonly string[]): EventTypeName[] {
  return ALL_NAMES.filter((type) => !isAbstractEventType(type) && matchesAnySubscription(type, subscriptions));
}

/**
 * The subscription names with every name dropped whose ancestor is also listed, canonical
 * spelling, duplicates removed. Subscribing once per returned name delivers every matching
 * event exactly once.
 */
export function minimalSubscriptions(subscriptions: readonly string[]): EventTypeName[] {
  const known = new Set<EventTypeName>();
  for (const subscription of subscriptions) {
    const type = eventTypeFromConfigName(subscription);
    if (type !== null) known.add(type);
  }
  return [...known].filter((type) => !eventTypeLineage(type).slice(1).some((ancestor) => known.has(ancestor)));
}

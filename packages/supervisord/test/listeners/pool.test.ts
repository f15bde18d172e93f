import type { ProcessConfig } from '../../src/config/types';
import { EventBus } from '../../src/events/bus';
import { remoteCommunicationEvent, tickEvent } from '../../src/events/event-factories';
import { processStateEvent } from '../../src/events/process-state-event';
import { EventSerials } from '../../src/events/serials';
import { EventListenerPool, type ListenerAttachment, type ListenerProcess } from '../../src/listeners/pool';

class RecordingLogger {
  readonly lines: string[] = [];
  error(msg: string): void {
    this.lines.push(`ERRO ${msg}`);
  }
  warn(msg: string): void {
    this.lines.push(`WARN ${msg}`);
  }
  debug(msg: string): void {
    this.lines.push(`DEBG ${msg}`);
  }
}

class FakeListener implements ListenerProcess {
  running = true;
  pipeOpen = true;
  readonly received: string[] = [];
  attachment!: ListenerAttachment;
  constructor(readonly name: string) {}
  isRunning(): boolean {
    return this.running;
  }
  writeStdin(data: Buffer): boolean {
    if (!this.pipeOpen) return false;
    this.received.push(data.toString('utf8'));
    return true;
  }
  say(text: string): void {
    this.attachment.onStdout(Buffer.from(text, 'utf8'));
  }
  /** The `eventname serial poolserial` of each event received. */
  get summary(): string[] {
    return this.received.map((text) => {
      const header = Object.fromEntries(text.split('\n')[0].split(' ').map((token) => token.split(':')));
      return `${header.eventname} ${header.serial}/${header.poolserial}`;
    });
  }
}

function processConfig(name: string, priority = -1): ProcessConfig {
  return { name, priority } as ProcessConfig;
}

interface Harness {
  pool: EventListenerPool;
  logger: RecordingLogger;
  bus: EventBus;
  serials: EventSerials;
  /** Runs scheduled dispatches until none is left. */
  flush(): void;
  listener(name: string, ready?: boolean): FakeListener;
}

function harness(options: { name?: string; events?: string[]; bufferSize?: number; processes?: string[] } = {}): Harness {
  const logger = new RecordingLogger();
  const bus = new EventBus((error) => {
    throw error;
  });
  const serials = new EventSerials();
  const queue: Array<() => void> = [];
  const pool = new EventListenerPool({
    config: {
      name: options.name ?? 'pool',
      buffer_size: options.bufferSize ?? 10,
      events: options.events ?? ['REMOTE_COMMUNICATION'],
      result_handler: 'supervisor.dispatchers:default_handler',
      processes: (options.processes ?? ['pool_0', 'pool_1']).map((name) => processConfig(name)),
    },
    identifier: 'supervisor',
    serials,
    logger,
    scheduleDispatch: (run) => queue.push(run),
  });
  pool.subscribe(bus);
  const flush = (): void => {
    for (let run = queue.shift(); run !== undefined; run = queue.shift()) run();
  };
  const listener = (name: string, ready = true): FakeListener => {
    const fake = new FakeListener(name);
    fake.attachment = pool.attach(fake);
    if (ready) fake.say('READY\n');
    return fake;
  };
  return { pool, logger, bus, serials, flush, listener };
}

const remote = (data: string) => remoteCommunicationEvent('t', data);

describe('event listener pool', () => {
  it('subscribes by category, numbers events and writes the exact envelope', () => {
    const h = harness({ events: ['PROCESS_STATE', 'process_state_running'] });
    const l0 = h.listener('pool_0');
    h.bus.publish(remote('ignored'));
    h.bus.publish(processStateEvent({ processName: 'cat', groupName: 'cat', from: 'STARTING', to: 'RUNNING', tries: 0, pid: 1364, expected: true }));
    h.flush();
    expect(l0.received).toEqual([
      'ver:3.0 server:supervisor serial:0 pool:pool poolserial:0 eventname:PROCESS_STATE_RUNNING len:58\nprocessname:cat groupname:cat from_state:STARTING pid:1364',
    ]);
    expect(h.logger.lines).toContain('DEBG event 0 sent to listener pool_0');
    expect(h.pool.listenerState('pool_0')).toBe('BUSY');
  });

  it('gives every event to the first READY listener in process order, one in flight each', () => {
    const h = harness();
    const l1 = h.listener('pool_1');
    const l0 = h.listener('pool_0');
    for (const data of ['a', 'b', 'c']) h.bus.publish(remote(data));
    h.flush();
    expect(l0.summary).toEqual(['REMOTE_COMMUNICATION 0/0']);
    expect(l1.summary).toEqual(['REMOTE_COMMUNICATION 1/1']);
    expect(h.pool.bufferedEvents().map((event) => event.serial)).toEqual([2]);
    // pool_1 answers first, but the event goes to whichever is READY at dispatch, in order.
    l1.say('RESULT 2\nOKREADY\n');
    l0.say('RESULT 2\nOKREADY\n');
    h.flush();
    expect(l0.summary).toEqual(['REMOTE_COMMUNICATION 0/0', 'REMOTE_COMMUNICATION 2/2']);
    expect(l1.summary).toHaveLength(1);
    l0.say('RESULT 2\nOKREADY\n');
    h.bus.publish(remote('d'));
    h.flush();
    expect(l0.summary.at(-1)).toBe('REMOTE_COMMUNICATION 3/3');
    expect(h.logger.lines).toContain('DEBG pool_0: event was processed');
  });

  it('skips listeners whose process is not RUNNING until told it runs', () => {
    const h = harness({ processes: ['pool_0'] });
    const l0 = h.listener('pool_0');
    l0.running = false;
    h.bus.publish(remote('x'));
    h.flush();
    expect(l0.received).toEqual([]);
    l0.running = true;
    l0.attachment.onRunning();
    h.flush();
    expect(l0.summary).toEqual(['REMOTE_COMMUNICATION 0/0']);
  });

  it('discards the oldest event when the buffer overflows, with the 4.2.5 message', () => {
    const h = harness({ bufferSize: 3, name: 'mon' });
    for (const data of ['a', 'b', 'c', 'd', 'e']) h.bus.publish(remote(data));
    expect(h.pool.bufferedEvents().map((event) => `${event.serial}/${event.poolserial}`)).toEqual(['2/2', '3/3', '4/4']);
    expect(h.logger.lines).toEqual([
      'ERRO pool mon event buffer overflowed, discarding event 0',
      'ERRO pool mon event buffer overflowed, discarding event 1',
    ]);
  });

  it('a rejected event returning to a full buffer discards the oldest waiting one', () => {
    const h = harness({ bufferSize: 2, processes: ['pool_0'] });
    const l0 = h.listener('pool_0');
    h.bus.publish(remote('a'));
    h.flush();
    h.bus.publish(remote('b'));
    h.bus.publish(remote('c'));
    l0.say('RESULT 3\nBAD');
    expect(h.pool.bufferedEvents().map((event) => event.serial)).toEqual([0, 2]);
    expect(h.logger.lines.filter((line) => !line.startsWith('DEBG'))).toEqual([
      'WARN pool_0: event was rejected',
      'ERRO pool pool event buffer overflowed, discarding event 1',
    ]);
  });

  it('re-sends a FAILed event first, with the same numbers, from this pool only', () => {
    const h = harness({ processes: ['pool_0'] });
    const other = new EventListenerPool({
      config: { name: 'other', buffer_size: 10, events: ['TICK_3600'], result_handler: 'supervisor.dispatchers:default_handler', processes: [processConfig('other')] },
      identifier: 'supervisor',
      serials: h.serials,
      logger: h.logger,
      scheduleDispatch: () => undefined,
    });
    other.subscribe(h.bus);
    const l0 = h.listener('pool_0');
    h.bus.publish(remote('first'));
    h.bus.publish(remote('second'));
    h.flush();
    l0.say('RESULT 4\nFAILREADY\n');
    h.flush();
    expect(l0.summary).toEqual(['REMOTE_COMMUNICATION 0/0', 'REMOTE_COMMUNICATION 0/0']);
    expect(l0.received[1]).toBe(l0.received[0]);
    expect(h.logger.lines).toEqual([
      "DEBG 'pool_0' stdout output:\nb'READY\\n'",
      'DEBG pool_0: ACKNOWLEDGED -> READY',
      'DEBG event 0 sent to listener pool_0',
      'DEBG rebuffering event 1 for pool pool (buf size=0, max=10)',
      "DEBG 'pool_0' stdout output:\nb'RESULT 4\\nFAILREADY\\n'",
      'WARN pool_0: event was rejected',
      'DEBG pool_0: BUSY -> ACKNOWLEDGED',
      'DEBG rebuffering event 0 for pool pool (buf size=1, max=10)',
      'DEBG pool_0: ACKNOWLEDGED -> READY',
      'DEBG event 0 sent to listener pool_0',
      'DEBG rebuffering event 1 for pool pool (buf size=0, max=10)',
    ]);
    expect(other.bufferedEvents()).toEqual([]);
    h.bus.publish(tickEvent('TICK_3600', 3600));
    expect(other.bufferedEvents().map((event) => `${event.serial}/${event.poolserial}`)).toEqual(['2/0']);
  });

  it('a listener violating the protocol goes UNKNOWN, its event goes to the next listener', () => {
    const h = harness();
    const l0 = h.listener('pool_0');
    const l1 = h.listener('pool_1');
    h.bus.publish(remote('x'));
    h.flush();
    expect(l0.summary).toEqual(['REMOTE_COMMUNICATION 0/0']);
    l0.say('HELLO\n');
    h.flush();
    expect(h.logger.lines).toEqual(
      expect.arrayContaining([
        "WARN pool_0: bad result line: 'HELLO'",
        'WARN pool_0: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol',
      ]),
    );
    expect(l1.summary).toEqual(['REMOTE_COMMUNICATION 0/0']);
    expect(h.pool.listenerState('pool_0')).toBe('UNKNOWN');
    l1.say('RESULT 2\nOKREADY\n');
    h.bus.publish(remote('y'));
    h.flush();
    expect(l0.received).toHaveLength(1);
    expect(l1.summary.at(-1)).toBe('REMOTE_COMMUNICATION 1/1');
  });

  it('re-buffers the event of a listener that dies while BUSY and re-sends it after the respawn', () => {
    const h = harness({ processes: ['pool_0'] });
    const first = h.listener('pool_0');
    h.bus.publish(remote('x'));
    h.flush();
    expect(first.summary).toEqual(['REMOTE_COMMUNICATION 0/0']);
    first.running = false;
    first.attachment.onExit();
    expect(h.pool.bufferedEvents().map((event) => event.serial)).toEqual([0]);
    expect(h.pool.listenerState('pool_0')).toBeNull();
    first.say('RESULT 2\nOK'); // late output of the dead process is ignored
    const second = h.listener('pool_0');
    h.flush();
    expect(second.summary).toEqual(['REMOTE_COMMUNICATION 0/0']);
  });

  it('an event that cannot be written (closed pipe) goes to the next READY listener', () => {
    const h = harness();
    const l0 = h.listener('pool_0');
    const l1 = h.listener('pool_1');
    l0.pipeOpen = false;
    h.bus.publish(remote('x'));
    h.flush();
    expect(l1.summary).toEqual(['REMOTE_COMMUNICATION 0/0']);
    expect(h.pool.listenerState('pool_0')).toBe('READY');
    expect(h.logger.lines).toContain('DEBG epipe occurred while sending event 0 to listener pool_0, listener state unchanged');
  });

  it('shares the global serial between pools and keeps per-pool serials apart', () => {
    const h = harness();
    const second = new EventListenerPool({
      config: { name: 'two', buffer_size: 10, events: ['EVENT'], result_handler: 'supervisor.dispatchers:default_handler', processes: [] },
      identifier: 'supervisor',
      serials: h.serials,
      logger: h.logger,
      scheduleDispatch: () => undefined,
    });
    second.subscribe(h.bus);
    h.bus.publish(tickEvent('TICK_5', 5));
    h.bus.publish(remote('x'));
    expect(h.pool.bufferedEvents().map((event) => `${event.serial}/${event.poolserial}`)).toEqual(['1/0']);
    expect(second.bufferedEvents().map((event) => `${event.serial}/${event.poolserial}`)).toEqual(['0/0', '1/1']);
  });

  it('close unsubscribes and drops buffered events', () => {
    const h = harness();
    h.bus.publish(remote('x'));
    h.pool.close();
    h.bus.publish(remote('y'));
    expect(h.pool.bufferedEvents()).toEqual([]);
  });

  it('refuses a result handler it cannot run', () => {
    expect(
      () =>
        new EventListenerPool({
          config: { name: 'l', buffer_size: 1, events: ['TICK'], result_handler: 'mymod:handler', processes: [] },
          identifier: 'supervisor',
          serials: new EventSerials(),
          logger: new RecordingLogger(),
        }),
    ).toThrow('mymod:handler cannot be resolved within [eventlistener:l]');
  });
});

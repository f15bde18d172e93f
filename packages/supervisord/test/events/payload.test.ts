import type { SupervisorEvent } from '../../src/events/bus';
import {
  processGroupEvent,
  processOutputEvent,
  remoteCommunicationEvent,
  supervisorStateChangeEvent,
  tickEvent,
} from '../../src/events/event-factories';
import { codePointLength, renderEnvelope, renderPayload } from '../../src/events/payload';
import { processStateEvent, type ProcessStateChange } from '../../src/events/process-state-event';

function state(change: Partial<ProcessStateChange> & Pick<ProcessStateChange, 'processName' | 'from' | 'to'>): SupervisorEvent {
  return processStateEvent({ groupName: change.processName, tries: 0, pid: 0, expected: true, ...change });
}

/** The envelope 4.2.5 writes for the `mon` pool of the recorded transcript. */
function monEnvelope(event: SupervisorEvent, serial: number): Buffer {
  return renderEnvelope({
    server: 'supervisor',
    serial,
    pool: 'mon',
    poolserial: serial,
    eventname: event.type,
    payload: renderPayload(event),
  });
}

/** Python bytes-literal notation as the reference transcripts use it, turned into bytes. */
function pyBytes(literal: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < literal.length; i++) {
    if (literal[i] === '\\' && literal[i + 1] === 'n') {
      bytes.push(0x0a);
      i++;
    } else if (literal[i] === '\\' && literal[i + 1] === 'x') {
      bytes.push(parseInt(literal.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      bytes.push(literal.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

describe('envelopes recorded from 4.2.5 (listener mon)', () => {
  it('SUPERVISOR_STATE_CHANGE_RUNNING has an empty payload', () => {
    expect(monEnvelope(supervisorStateChangeEvent('RUNNING'), 0)).toEqual(
      pyBytes('ver:3.0 server:supervisor serial:0 pool:mon poolserial:0 eventname:SUPERVISOR_STATE_CHANGE_RUNNING len:0\\n'),
    );
    expect(renderPayload(supervisorStateChangeEvent('STOPPING'))).toBe('');
  });

  it('PROCESS_STATE_STARTING, RUNNING, STOPPING, STOPPED', () => {
    expect(monEnvelope(state({ processName: 'mon', from: 'STOPPED', to: 'STARTING' }), 1)).toEqual(
      pyBytes(
        'ver:3.0 server:supervisor serial:1 pool:mon poolserial:1 eventname:PROCESS_STATE_STARTING len:56\\nprocessname:mon groupname:mon from_state:STOPPED tries:0',
      ),
    );
    expect(monEnvelope(state({ processName: 'cat', from: 'STARTING', to: 'RUNNING', pid: 1364 }), 4)).toEqual(
      pyBytes(
        'ver:3.0 server:supervisor serial:4 pool:mon poolserial:4 eventname:PROCESS_STATE_RUNNING len:58\\nprocessname:cat groupname:cat from_state:STARTING pid:1364',
      ),
    );
    expect(monEnvelope(state({ processName: 'cat', from: 'RUNNING', to: 'STOPPING', pid: 1364 }), 6)).toEqual(
      pyBytes(
        'ver:3.0 server:supervisor serial:6 pool:mon poolserial:6 eventname:PROCESS_STATE_STOPPING len:57\\nprocessname:cat groupname:cat from_state:RUNNING pid:1364',
      ),
    );
    expect(monEnvelope(state({ processName: 'cat', from: 'STOPPING', to: 'STOPPED', pid: 1364 }), 7)).toEqual(
      pyBytes(
        'ver:3.0 server:supervisor serial:7 pool:mon poolserial:7 eventname:PROCESS_STATE_STOPPED len:58\\nprocessname:cat groupname:cat from_state:STOPPING pid:1364',
      ),
    );
  });

  it('REMOTE_COMMUNICATION', () => {
    expect(monEnvelope(remoteCommunicationEvent('mytype', 'hello world'), 5)).toEqual(
      pyBytes(
        'ver:3.0 server:supervisor serial:5 pool:mon poolserial:5 eventname:REMOTE_COMMUNICATION len:23\\ntype:mytype\\nhello world',
      ),
    );
    expect(renderPayload(remoteCommunicationEvent('t1', 'data one'))).toBe('type:t1\ndata one');
    expect(renderPayload(remoteCommunicationEvent('t1', ''))).toBe('type:t1\n');
  });
});

describe('payloads of every other state event (observed)', () => {
  it.each([
    [{ processName: 'false1', from: 'STOPPED', to: 'STARTING' }, 'processname:false1 groupname:false1 from_state:STOPPED tries:0'],
    [{ processName: 'quick0', from: 'STARTING', to: 'BACKOFF', tries: 1 }, 'processname:quick0 groupname:quick0 from_state:STARTING tries:1'],
    [{ processName: 'quick0', from: 'BACKOFF', to: 'STARTING', tries: 1 }, 'processname:quick0 groupname:quick0 from_state:BACKOFF tries:1'],
    [{ processName: 'ss0', from: 'RUNNING', to: 'EXITED', pid: 10597, expected: false }, 'processname:ss0 groupname:ss0 from_state:RUNNING expected:0 pid:10597'],
    [{ processName: 'ss0', from: 'RUNNING', to: 'EXITED', pid: 10597, expected: true }, 'processname:ss0 groupname:ss0 from_state:RUNNING expected:1 pid:10597'],
    [{ processName: 'fatal', from: 'BACKOFF', to: 'FATAL', tries: 3, pid: 0 }, 'processname:fatal groupname:fatal from_state:BACKOFF'],
    [{ processName: 'backoffstop', from: 'BACKOFF', to: 'STOPPED' }, 'processname:backoffstop groupname:backoffstop from_state:BACKOFF pid:0'],
    [{ processName: 'lost', from: 'RUNNING', to: 'UNKNOWN', pid: 9 }, 'processname:lost groupname:lost from_state:RUNNING'],
    [{ processName: 'w_1', groupName: 'web', from: 'STOPPED', to: 'STARTING' }, 'processname:w_1 groupname:web from_state:STOPPED tries:0'],
  ] as const)('%o', (change, expected) => {
    expect(renderPayload(state(change))).toBe(expected);
  });
});

describe('output, tick and group payloads', () => {
  it('PROCESS_LOG_STDOUT with non-ASCII data: len counts characters, bytes are UTF-8', () => {
    const event = processOutputEvent(
      { type: 'PROCESS_LOG_STDOUT', processName: 'talker2', groupName: 'talker2', data: pyBytes('caf\\xc3\\xa9\\n') },
      14428,
    );
    const envelope = renderEnvelope({
      server: 'supervisor',
      serial: 0,
      pool: 'ev',
      poolserial: 0,
      eventname: event.type,
      payload: renderPayload(event),
    });
    expect(envelope).toEqual(
      pyBytes(
        'ver:3.0 server:supervisor serial:0 pool:ev poolserial:0 eventname:PROCESS_LOG_STDOUT len:68\\nprocessname:talker2 groupname:talker2 pid:14428 channel:stdout\\ncaf\\xc3\\xa9\\n',
      ),
    );
    const headerEnd = envelope.indexOf(0x0a) + 1;
    expect(envelope.length - headerEnd).toBe(69);
  });

  it('PROCESS_LOG_STDERR names its channel', () => {
    const event = processOutputEvent({ type: 'PROCESS_LOG_STDERR', processName: 'p', groupName: 'g', data: Buffer.from('oops\n') }, 7);
    expect(renderPayload(event)).toBe('processname:p groupname:g pid:7 channel:stderr\noops\n');
  });

  it('PROCESS_COMMUNICATION_STDOUT has no channel token (len 59 observed)', () => {
    const event = processOutputEvent(
      { type: 'PROCESS_COMMUNICATION_STDOUT', processName: 'talker', groupName: 'talker', data: Buffer.from('captured café') },
      13517,
    );
    const payload = renderPayload(event);
    expect(payload).toBe('processname:talker groupname:talker pid:13517\ncaptured café');
    expect(codePointLength(payload)).toBe(59);
  });

  it('undecodable output becomes Python bytes repr text', () => {
    const event = processOutputEvent({ type: 'PROCESS_LOG_STDOUT', processName: 'p', groupName: 'p', data: pyBytes("bad\\xff\\n") }, 1);
    expect(renderPayload(event)).toBe("processname:p groupname:p pid:1 channel:stdout\nUndecodable: b'bad\\xff\\n'");
    const split = processOutputEvent({ type: 'PROCESS_COMMUNICATION_STDERR', processName: 'p', groupName: 'p', data: pyBytes("it's\\xc3") }, 1);
    expect(renderPayload(split)).toBe('processname:p groupname:p pid:1\nUndecodable: b"it\'s\\xc3"');
  });

  it('TICK_5 (len 15 observed) and PROCESS_GROUP_ADDED with its trailing newline (len 13 observed)', () => {
    expect(renderPayload(tickEvent('TICK_5', 1795318500))).toBe('when:1795318500');
    expect(codePointLength(renderPayload(tickEvent('TICK_5', 1795318500)))).toBe(15);
    expect(renderPayload(processGroupEvent('ADDED', 'ev'))).toBe('groupname:ev\n');
    expect(codePointLength(renderPayload(processGroupEvent('ADDED', 'ev')))).toBe(13);
    expect(renderPayload(processGroupEvent('REMOVED', 'ev'))).toBe('groupname:ev\n');
  });
});

describe('len counts code points', () => {
  it('counts a character outside the BMP once, and a BOM as one character', () => {
    const payload = 'type:x\n😀é\uFEFF';
    const envelope = renderEnvelope({ server: 's', serial: 1, pool: 'p', poolserial: 2, eventname: 'REMOTE_COMMUNICATION', payload });
    expect(envelope.toString('utf8')).toBe(`ver:3.0 server:s serial:1 pool:p poolserial:2 eventname:REMOTE_COMMUNICATION len:10\n${payload}`);
    expect(codePointLength('😀')).toBe(1);
    expect(codePointLength('')).toBe(0);
  });
});

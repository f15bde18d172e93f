import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

import { OutputChannel } from '../../src/logging/child-output';
import { Logger, createMainLogger } from '../../src/logging/logger';
import { SyslogWriter } from '../../src/logging/syslog-writer';
import { useTempDir } from './temp-dir';

/** A syslog daemon stand-in: a unix datagram socket that prints every datagram as a JSON line. */
const RECEIVER = [
  'import socket, sys, json',
  's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)',
  's.bind(sys.argv[1])',
  "print('ready', flush=True)",
  'while True:',
  '    data = s.recv(70000)',
  "    print(json.dumps(data.decode('utf-8', 'replace')), flush=True)",
].join('\n');

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('syslog', () => {
  const tmp = useTempDir('syslog');
  let receiver: ChildProcess | null = null;
  let writers: SyslogWriter[] = [];
  let received: string[] = [];

  async function startReceiver(): Promise<string> {
    const socketPath = path.join(tmp(), 'log.sock');
    received = [];
    let ready = false;
    let buffered = '';
    receiver = spawn('/usr/bin/python3', ['-c', RECEIVER, socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    receiver.stdout?.setEncoding('utf8');
    receiver.stdout?.on('data', (text: string) => {
      buffered += text;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line === 'ready') ready = true;
        else received.push(JSON.parse(line) as string);
      }
    });
    await waitFor('the receiver', () => (ready ? true : undefined));
    return socketPath;
  }

  function writer(socketPath: string, onError?: (e: Error) => void): SyslogWriter {
    const w = new SyslogWriter({ socketPath, onError });
    writers.push(w);
    return w;
  }

  /** The message part after `supervisord: `, for every datagram received. */
  const messages = () => received.map((datagram) => datagram.replace(/^<14>.*? supervisord: /, ''));

  afterEach(async () => {
    for (const w of writers) w.close();
    writers = [];
    if (receiver?.pid !== undefined && receiver.exitCode === null) {
      const exited = new Promise((resolve) => receiver?.once('exit', resolve));
      process.kill(receiver.pid, 'SIGKILL');
      await exited;
    }
    receiver = null;
  });

  it('sends user.info messages tagged supervisord', async () => {
    const socketPath = await startReceiver();
    const w = writer(socketPath);
    w.send('first message');
    w.send(Buffer.from('second message\n'));
    await waitFor('two datagrams', () => (received.length >= 2 ? true : undefined));
    expect(received[0]).toMatch(/^<14>/); // facility user (1) * 8 + priority info (6)
    expect(messages()).toEqual(['first message', 'second message']);
  });

  it('logfile=syslog: every line of a message goes out in the log line format; no file path', async () => {
    const socketPath = await startReceiver();
    const config = {
      logfile: 'syslog',
      logfile_maxbytes: 0,
      logfile_backups: 0,
      loglevel: 'INFO',
    } as unknown as Parameters<typeof createMainLogger>[0];
    const logger: Logger = createMainLogger(config, { nodaemon: false, silent: false, syslog: writer(socketPath) });
    expect(logger.path).toBeNull();
    logger.info('hello\nworld');
    logger.debug('not sent');
    logger.warn('last');
    await waitFor('three datagrams', () => (received.length >= 3 ? true : undefined));
    const shape = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (INFO|WARN) (.*)$/;
    expect(messages().map((m) => m.replace(shape, '$1 $2'))).toEqual(['INFO hello', 'INFO world', 'WARN last']);
    logger.close();
  });

  it('child output goes out line by line as `<name> <line>`, in addition to the file', async () => {
    const socketPath = await startReceiver();
    const main = new Logger({ level: 'INFO' });
    const out = new OutputChannel({
      processName: 'talker',
      groupName: 'talker',
      channel: 'stdout',
      logfile: null,
      maxBytes: 0,
      backups: 0,
      captureMaxBytes: 0,
      eventsEnabled: false,
      syslog: true,
      stripAnsi: false,
      logger: main,
      onEvent: () => undefined,
      syslogWriter: writer(socketPath),
    });
    out.write(Buffer.from('one\ntwo\n\nthree\n'));
    out.write(Buffer.from('partial'));
    out.close();
    await waitFor('five datagrams', () => (received.length >= 5 ? true : undefined));
    expect(messages()).toEqual(['talker one', 'talker two', 'talker ', 'talker three', 'talker partial']);
  });

  it('reports once, and never throws, when syslog cannot be reached', async () => {
    const errors: Error[] = [];
    const w = writer(path.join(tmp(), 'nobody-listens.sock'), (e) => errors.push(e));
    expect(() => {
      w.send('lost');
      w.send('lost too');
    }).not.toThrow();
    await waitFor('the error report', () => (errors.length > 0 ? true : undefined));
    w.send('still no throw');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^cannot send to syslog: /);
  });
});

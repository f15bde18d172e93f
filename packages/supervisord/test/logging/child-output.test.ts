import * as fs from 'node:fs';
import * as path from 'node:path';

import { OutputChannel, type ChildOutputEvent, type OutputChannelOptions } from '../../src/logging/child-output';
import { Logger } from '../../src/logging/logger';
import { flushPendingLogWrites } from '../../src/logging/pending-log-writes';
import { useTempDir } from './temp-dir';

const BEGIN = '<!--XSUPERVISOR:BEGIN-->';
const END = '<!--XSUPERVISOR:END-->';

describe('OutputChannel', () => {
  const tmp = useTempDir('child-output');
  let events: ChildOutputEvent[];
  let loggers: Logger[];

  beforeEach(() => {
    events = [];
    loggers = [];
  });
  afterEach(() => {
    for (const logger of loggers) logger.close();
  });

  function mainLogger(level = 'INFO'): { logger: Logger; read: () => string } {
    const file = path.join(tmp(), `main-${loggers.length}.log`);
    const logger = new Logger({ level, file: { path: file, maxBytes: 0, backups: 0 } });
    loggers.push(logger);
    return { logger, read: () => fs.readFileSync(file, 'utf8') };
  }

  function channel(overrides: Partial<OutputChannelOptions> = {}): OutputChannel {
    return new OutputChannel({
      processName: 'talker',
      groupName: 'grp',
      channel: 'stdout',
      logfile: path.join(tmp(), 'talker.log'),
      maxBytes: 0,
      backups: 0,
      captureMaxBytes: 0,
      eventsEnabled: false,
      syslog: false,
      stripAnsi: false,
      logger: overrides.logger ?? mainLogger().logger,
      onEvent: (event) => events.push(event),
      ...overrides,
    });
  }

  // As every reader of log files does: held bytes are written first.
  const logText = () => {
    flushPendingLogWrites();
    return fs.readFileSync(path.join(tmp(), 'talker.log'), 'latin1');
  };

  it('writes the bytes exactly as received, invalid UTF-8 included', () => {
    const out = channel();
    out.write(Buffer.from('hello\n'));
    out.write(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x0a]));
    out.write(Buffer.from('no newline'));
    out.close();
    expect(fs.readFileSync(path.join(tmp(), 'talker.log'))).toEqual(
      Buffer.concat([Buffer.from('hello\n'), Buffer.from([0x62, 0x61, 0x64, 0xff, 0x0a]), Buffer.from('no newline')]),
    );
    expect(events).toEqual([]);
    expect(out.logPath).toBe(path.join(tmp(), 'talker.log'));
  });

  it('emits one PROCESS_LOG event per chunk when events are enabled, even without a log file', () => {
    const out = channel({ logfile: null, eventsEnabled: true, channel: 'stderr' });
    out.write(Buffer.from('one\n'));
    out.write(Buffer.from('two\nthree\n'));
    out.close();
    expect(out.logPath).toBeNull();
    expect(events).toEqual([
      { type: 'PROCESS_LOG_STDERR', processName: 'talker', groupName: 'grp', data: Buffer.from('one\n') },
      { type: 'PROCESS_LOG_STDERR', processName: 'talker', groupName: 'grp', data: Buffer.from('two\nthree\n') },
    ]);
  });

  it('strips ANSI sequences before logging and before events', () => {
    const out = channel({ stripAnsi: true, eventsEnabled: true });
    out.write(Buffer.from('\x1b[31mred\x1b[0m\n'));
    out.close();
    expect(logText()).toBe('red\n');
    expect(events[0]?.data.toString()).toBe('red\n');
  });

  it('echoes output to the activity log at DEBG as upstream does', () => {
    const main = mainLogger('debug');
    const out = channel({ logger: main.logger });
    out.write(Buffer.from('hi there\n'));
    out.write(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x0a]));
    out.close();
    const lines = main.read();
    expect(lines).toMatch(/ DEBG 'talker' stdout output:\nhi there\n\n/);
    expect(lines).toMatch(/ DEBG 'talker' stdout output:\nUndecodable: b'bad\\xff\\n'\n/);
  });

  it('does not echo output to the activity log at INFO', () => {
    const main = mainLogger('info');
    const out = channel({ logger: main.logger });
    out.write(Buffer.from('quiet\n'));
    out.close();
    expect(main.read()).toBe('');
  });

  it('capture mode: captured text becomes a PROCESS_COMMUNICATION event and stays out of the log', () => {
    const main = mainLogger('debug');
    const out = channel({ captureMaxBytes: 1024, logger: main.logger });
    out.write(Buffer.from(`before${BEGIN}captured café${END}after\n`));
    out.close();
    expect(logText()).toBe('beforeafter\n');
    expect(events).toEqual([
      {
        type: 'PROCESS_COMMUNICATION_STDOUT',
        processName: 'talker',
        groupName: 'grp',
        data: Buffer.from('captured café'),
      },
    ]);
    expect(main.read()).toMatch(/ DEBG 'talker' stdout emitted a comm event\n/);
  });

  it('capture mode: tokens split at every possible byte across chunks give the same result', () => {
    const text = Buffer.from(`start of output ${BEGIN}payload one${END} middle text here ${BEGIN}two${END} and the end\n`);
    for (let cut = 1; cut < text.length; cut += 1) {
      events = [];
      const file = path.join(tmp(), `split-${cut}.log`);
      const out = channel({ captureMaxBytes: 100, channel: 'stderr', logfile: file });
      out.write(text.subarray(0, cut));
      out.write(text.subarray(cut));
      out.close();
      expect(fs.readFileSync(file, 'utf8')).toBe('start of output  middle text here  and the end\n');
      expect(events.map((e) => [e.type, e.data.toString()])).toEqual([
        ['PROCESS_COMMUNICATION_STDERR', 'payload one'],
        ['PROCESS_COMMUNICATION_STDERR', 'two'],
      ]);
    }
  });

  it('capture mode: works when fed one byte at a time (observed split `…<!--XSUPERVI` + `SOR:END-->`)', () => {
    const out = channel({ captureMaxBytes: 100 });
    const text = Buffer.from(`x${BEGIN}abc${END}y\nmore text to push it through\n`);
    for (const byte of text) out.write(Buffer.from([byte]));
    out.close();
    expect(logText()).toBe('xy\nmore text to push it through\n');
    expect(events.map((e) => e.data.toString())).toEqual(['abc']);
  });

  it('capture mode: holds back short output until more arrives, and writes it at close', () => {
    const out = channel({ captureMaxBytes: 100 });
    out.write(Buffer.from('short line\n')); // 11 bytes ≤ 24: held
    expect(logText()).toBe('');
    out.write(Buffer.from('second short one\n')); // 28 bytes in all: processed together
    expect(logText()).toBe('short line\nsecond short one\n');
    out.write(Buffer.from('tail\n'));
    expect(logText()).toBe('short line\nsecond short one\n');
    out.close();
    expect(logText()).toBe('short line\nsecond short one\ntail\n');
  });

  it('capture mode: keeps only a bounded amount, dropping as many old bytes as are appended', () => {
    const out = channel({ captureMaxBytes: 10 });
    out.write(Buffer.from(`${BEGIN}0123456789`));
    out.write(Buffer.from('abcdefghijklmnopqrstuvwxyz'));
    out.write(Buffer.from('ABCD'));
    out.write(Buffer.from(`${END}after the end of it\n`));
    out.close();
    // Upstream's bound: when adding n bytes would overflow, the first n bytes go first.
    const expected = (() => {
      let buf = '';
      for (const piece of ['0123456789abcdefghijklmnopqrstuvwxyz', 'ABCD']) {
        buf = buf.length + piece.length > 10 ? buf.slice(piece.length) + piece : buf + piece;
      }
      return buf;
    })();
    expect(events.map((e) => e.data.toString())).toEqual([expected]);
    expect(logText()).toBe('after the end of it\n');
  });

  it('capture mode: captured chunks still produce PROCESS_LOG events when events are enabled (observed quirk)', () => {
    const out = channel({ captureMaxBytes: 100, eventsEnabled: true });
    out.write(Buffer.from(`before text${BEGIN}secret${END}after text\n`));
    out.close();
    expect(events.map((e) => [e.type, e.data.toString()])).toEqual([
      ['PROCESS_LOG_STDOUT', 'before text'],
      ['PROCESS_LOG_STDOUT', 'secret'],
      ['PROCESS_COMMUNICATION_STDOUT', 'secret'],
      ['PROCESS_LOG_STDOUT', 'after text\n'],
    ]);
  });

  it('stays byte-exact and ordered at high rates across many rotations', () => {
    const file = path.join(tmp(), 'fast.log');
    const out = channel({ logfile: file, maxBytes: 64 * 1024, backups: 40 });
    const chunks: Buffer[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const chunk = Buffer.from(`${i}:${'x'.repeat(i % 1000)}\n`);
      chunks.push(chunk);
      out.write(chunk);
    }
    out.close();
    const parts: Buffer[] = [];
    for (let i = 40; i >= 1; i -= 1) if (fs.existsSync(`${file}.${i}`)) parts.push(fs.readFileSync(`${file}.${i}`));
    parts.push(fs.readFileSync(file));
    const all = Buffer.concat(chunks);
    const kept = Buffer.concat(parts);
    expect(kept.length).toBe(all.length); // 40 backups of 64 KiB hold all of ~1 MB
    expect(kept.equals(all)).toBe(true);
  });

  it('reopen() after an outside rename and clear() both keep working', () => {
    const out = channel();
    out.write(Buffer.from('first\n'));
    fs.renameSync(path.join(tmp(), 'talker.log'), path.join(tmp(), 'talker.log.old'));
    out.reopen();
    out.write(Buffer.from('second\n'));
    expect(logText()).toBe('second\n');
    out.clear();
    expect(logText()).toBe('');
    out.write(Buffer.from('third\n'));
    out.close();
    expect(logText()).toBe('third\n');
    expect(fs.readFileSync(path.join(tmp(), 'talker.log.old'), 'utf8')).toBe('first\n');
  });

  it('clear() also drops bytes captured so far', () => {
    const out = channel({ captureMaxBytes: 100 });
    out.write(Buffer.from(`${BEGIN}dropped by clear, long enough to be processed`));
    out.clear();
    out.write(Buffer.from(`kept${END}then more output\n`));
    out.close();
    expect(events.map((e) => e.data.toString())).toEqual(['kept']);
  });

  it('reports write failures to the activity log instead of throwing', () => {
    const main = mainLogger('info');
    const out = channel({ logfile: '/dev/full', logger: main.logger, maxBytes: 100, backups: 2 });
    expect(() => {
      out.write(Buffer.from('cannot be stored\n'));
      out.write(Buffer.from('nor this\n'));
    }).not.toThrow();
    out.close();
    const lines = main.read().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ ERRO cannot write to log file \/dev\/full: .*ENOSPC/);
  });

  it('throws from the constructor when the log file cannot be opened', () => {
    expect(() => channel({ logfile: path.join(tmp(), 'no', 'such', 'dir.log') })).toThrow(/ENOENT/);
  });
});

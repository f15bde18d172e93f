import * as fs from 'node:fs';
import * as path from 'node:path';

import type { SupervisordConfig } from '../../src/config/types';
import { Logger, createMainLogger, formatLogTime } from '../../src/logging/logger';
import { startRealSupervisord } from '../../../../test/helpers/real-supervisord';
import { layout, useTempDir } from './temp-dir';

const LINE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3}) (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) (.*)$/;

function parseLocal(line: string): Date {
  const m = LINE.exec(line);
  if (!m) throw new Error(`not a log line: ${JSON.stringify(line)}`);
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  return new Date(y as number, (mo as number) - 1, d, h, mi, s, ms);
}

function withTimeZone<T>(tz: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  return run().finally(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}

function mainConfig(overrides: Partial<SupervisordConfig>): SupervisordConfig {
  return {
    nodaemon: false,
    silent: false,
    user: null,
    uid: null,
    gid: null,
    umask: 0o22,
    directory: null,
    logfile: '/nonexistent/unused.log',
    logfile_maxbytes: 50 * 1024 * 1024,
    logfile_backups: 10,
    loglevel: 'INFO',
    loglevel_number: 20,
    pidfile: '/nonexistent/unused.pid',
    identifier: 'supervisor',
    childlogdir: '/tmp',
    minfds: 1024,
    minprocs: 200,
    nocleanup: false,
    strip_ansi: false,
    environment: {},
    serverurl: null,
    ...overrides,
  };
}

describe('Logger', () => {
  const tmp = useTempDir('main-log');

  it('writes lines in the same format as the real supervisord, in local time', async () => {
    await withTimeZone('Asia/Kolkata', async () => {
      const real = await startRealSupervisord({ programs: '' });
      let realLines: string[];
      try {
        realLines = fs.readFileSync(real.logPath, 'utf8').split('\n').filter(Boolean);
      } finally {
        await real.stop();
      }
      const started = realLines.find((line) => line.includes('supervisord started with pid'));
      expect(started).toMatch(LINE);
      // The real daemon wrote in the zone we gave it; so must we.
      expect(Math.abs(parseLocal(started as string).getTime() - Date.now())).toBeLessThan(60_000);

      const log = path.join(tmp(), 'ours.log');
      const logger = new Logger({ level: 'INFO', file: { path: log, maxBytes: 0, backups: 0 } });
      logger.info(`supervisord started with pid ${process.pid}`);
      logger.close();
      const ours = fs.readFileSync(log, 'utf8');
      expect(ours.endsWith('\n')).toBe(true);
      const ourLine = ours.slice(0, -1);
      expect(ourLine).toMatch(LINE);
      expect(Math.abs(parseLocal(ourLine).getTime() - Date.now())).toBeLessThan(60_000);
      // Same shape: only the digits differ (the two pids may have different lengths).
      const shape = (line: string) => line.replace(/pid \d+$/, 'pid N').replace(/\d/g, '9');
      expect(shape(ourLine)).toBe(shape(started as string));
    });
  });

  it('formats the time with zero padding and truncated milliseconds', () => {
    const date = new Date(2024, 4, 6, 7, 8, 9, 5);
    expect(formatLogTime(date)).toBe('2024-05-06 07:08:09,005');
    expect(formatLogTime(new Date(2024, 11, 31, 23, 59, 59, 999))).toBe('2024-12-31 23:59:59,999');
  });

  it('filters by level with upstream numbers and writes multi-line messages as they are', () => {
    const log = path.join(tmp(), 'levels.log');
    const fixed = new Date(2024, 4, 6, 7, 8, 9, 123);
    const logger = new Logger({ level: 'debug', file: { path: log, maxBytes: 0, backups: 0 }, now: () => fixed });
    logger.critical('c');
    logger.error('e');
    logger.warn('w');
    logger.info('i');
    logger.debug('d');
    logger.trace('t');
    logger.blather('b');
    logger.log('INFO', 'two\nlines');
    expect(logger.isEnabledFor('DEBG')).toBe(true);
    expect(logger.isEnabledFor('TRAC')).toBe(false);
    logger.close();
    const stamp = '2024-05-06 07:08:09,123';
    expect(fs.readFileSync(log, 'utf8')).toBe(
      [`CRIT c`, `ERRO e`, `WARN w`, `INFO i`, `DEBG d`, `INFO two\nlines`].map((l) => `${stamp} ${l}\n`).join(''),
    );
    for (const [level, expected] of [
      ['BLAT', 3],
      ['TRAC', 5],
      ['critical', 50],
      [40, 40],
    ] as const) {
      expect(new Logger({ level }).level).toBe(expected);
    }
    expect(() => new Logger({ level: 'loud' })).toThrow("bad logging level name 'loud'");
  });

  it('rotates the activity log with logfile_maxbytes/logfile_backups', () => {
    const log = path.join(tmp(), 'rot.log');
    const logger = createMainLogger(mainConfig({ logfile: log, logfile_maxbytes: 200, logfile_backups: 2 }), {
      nodaemon: false,
      silent: false,
    });
    for (let i = 0; i < 40; i += 1) logger.info(`message number ${i}`);
    logger.close();
    const sizes = layout(log);
    expect(Object.keys(sizes).sort()).toEqual(['rot.log', 'rot.log.1', 'rot.log.2']);
    expect(fs.readFileSync(`${log}.1`, 'utf8')).toMatch(/INFO message number \d+\n$/);
    expect(logger.path).toBe(log);
  });

  it('reopen() follows an outside rename; clear() leaves a new empty file', () => {
    const log = path.join(tmp(), 're.log');
    const logger = new Logger({ level: 'INFO', file: { path: log, maxBytes: 0, backups: 0 } });
    logger.info('one');
    fs.renameSync(log, `${log}.old`);
    logger.reopen();
    logger.info('two');
    expect(fs.readFileSync(`${log}.old`, 'utf8')).toMatch(/ INFO one\n$/);
    expect(fs.readFileSync(log, 'utf8')).toMatch(/^\S+ \S+ INFO two\n$/);
    logger.clear();
    expect(fs.readFileSync(log, 'utf8')).toBe('');
    logger.info('three');
    logger.close();
    expect(fs.readFileSync(log, 'utf8')).toMatch(/^\S+ \S+ INFO three\n$/);
  });

  it('clear() throws when there is no log file', () => {
    expect(() => new Logger({ level: 'INFO' }).clear()).toThrow('no log file');
  });

  it('echoes to standard output when nodaemon and not silent, as upstream', () => {
    const outputs: Record<string, string> = {};
    for (const [name, opts] of [
      ['fg', { nodaemon: true, silent: false }],
      ['silent', { nodaemon: true, silent: true }],
      ['daemon', { nodaemon: false, silent: false }],
    ] as const) {
      const log = path.join(tmp(), `${name}.log`);
      const out = path.join(tmp(), `${name}.stdout`);
      const fd = fs.openSync(out, 'w');
      const logger = createMainLogger(mainConfig({ logfile: log }), { ...opts, stdoutFd: fd });
      logger.info('hello stdout');
      logger.debug('hidden');
      logger.close();
      fs.closeSync(fd);
      outputs[name] = fs.readFileSync(out, 'utf8');
      expect(fs.readFileSync(log, 'utf8')).toMatch(/^\S+ \S+ INFO hello stdout\n$/);
    }
    expect(outputs.fg).toMatch(/^\S+ \S+ INFO hello stdout\n$/);
    expect(outputs.silent).toBe('');
    expect(outputs.daemon).toBe('');
  });
});

import { buildProcessInfo, describeProcess, formatStopTime, formatUptime } from '../../src/rpc/process-info';
import { parseSignalArgument } from '../../src/rpc/signal-names';
import { FakeProcess, processConfig } from '../helpers/fake-model';

describe('formatUptime', () => {
  it.each([
    [19, '0:00:19'],
    [12 * 3600 + 3 * 60 + 4, '12:03:04'],
    [86400 + 5, '1 day, 0:00:05'],
    [3 * 86400 + 4 * 3600 + 5 * 60 + 6, '3 days, 4:05:06'],
    [-30, '0:00:00'],
  ])('%p seconds → %p', (seconds, text) => expect(formatUptime(seconds)).toBe(text));
});

describe('formatStopTime (local time, %b %d %I:%M %p)', () => {
  it.each([
    [new Date(2026, 10, 22, 3, 28, 59), 'Nov 22 03:28 AM'],
    [new Date(2026, 0, 5, 23, 7), 'Jan 05 11:07 PM'],
    [new Date(2026, 5, 1, 0, 0), 'Jun 01 12:00 AM'],
    [new Date(2026, 5, 1, 12, 30), 'Jun 01 12:30 PM'],
  ])('%p → %p', (date, text) => expect(formatStopTime(date.getTime() / 1000)).toBe(text));
});

describe('process-info struct', () => {
  const now = new Date(2026, 10, 22, 4, 0, 0).getTime() / 1000;

  function make(): FakeProcess {
    const p = new FakeProcess('grp', processConfig('ga'));
    p.stdoutLogPath = '/logs/ga-out.log';
    p.stderrLogPath = '/logs/ga-err.log';
    return p;
  }

  it('has upstream keys in upstream order', () => {
    const p = make();
    p.state = 'RUNNING';
    p.pid = 77;
    p.startTime = now - 19.7;
    expect(Object.keys(buildProcessInfo(p, now))).toEqual([
      'name', 'group', 'start', 'stop', 'now', 'state', 'statename', 'spawnerr', 'exitstatus',
      'logfile', 'stdout_logfile', 'stderr_logfile', 'pid', 'description',
    ]);
    expect(buildProcessInfo(p, now + 0.9)).toMatchObject({
      name: 'ga', group: 'grp', start: Math.trunc(now - 19.7), stop: 0, now: Math.trunc(now), state: 20,
      statename: 'RUNNING', logfile: '/logs/ga-out.log', stdout_logfile: '/logs/ga-out.log',
      stderr_logfile: '/logs/ga-err.log', pid: 77, description: 'pid 77, uptime 0:00:20',
    });
  });

  it('describes each state', () => {
    const p = make();
    expect(describeProcess(p, now)).toBe('Not started');
    p.state = 'BACKOFF';
    expect(describeProcess(p, now)).toBe('unknown error (try "tail ga")');
    p.spawnerr = 'Exited too quickly (process log may have details)';
    p.state = 'FATAL';
    expect(describeProcess(p, now)).toBe('Exited too quickly (process log may have details)');
    p.state = 'EXITED';
    p.startTime = now - 100;
    p.stopTime = new Date(2026, 10, 22, 3, 28).getTime() / 1000;
    expect(describeProcess(p, now)).toBe('Nov 22 03:28 AM');
    for (const state of ['STARTING', 'STOPPING', 'UNKNOWN'] as const) {
      p.state = state;
      expect(describeProcess(p, now)).toBe('');
    }
  });

  it('empties stderr_logfile when stderr is redirected and clamps times to 32 bits', () => {
    const p = new FakeProcess('x', processConfig('x', { redirect_stderr: true }));
    p.stderrLogPath = '/logs/x-err.log';
    p.startTime = 2 ** 40;
    const info = buildProcessInfo(p, now);
    expect(info.stderr_logfile).toBe('');
    expect(info.stdout_logfile).toBe('');
    expect(info.start).toBe(2 ** 31 - 1);
  });
});

describe('signal arguments', () => {
  it.each([
    ['hup', 1], ['SIGHUP', 1], [' cont ', 18], ['CLD', 17], ['IOT', 6], ['POLL', 29], ['RTMIN', 34], ['RTMAX', 64],
    ['9', 9], [' 15 ', 15], [15, 15], [0, 0], ['SIG_IGN', 1], ['SIG_DFL', 0], ['SIG_SETMASK', 2], [34, 34], [64, 64],
  ])('%p → %p', (value, number) => expect(parseSignalArgument(value)).toBe(number));

  it.each([['BOGUS'], [35], [65], [-1], ['-1'], [''], [1.5], [null]])('%p is not a signal', (value) => {
    expect(parseSignalArgument(value)).toBeNull();
  });
});

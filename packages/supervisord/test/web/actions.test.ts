import { InvalidActionError, performAction } from '../../src/web/actions';
import { FakeSupervisorModel } from './fake-supervisor-model';

const fixedNow = () => new Date(2026, 10, 2, 3, 31, 51);

function model() {
  return new FakeSupervisorModel([
    { name: 'web', state: 'RUNNING' },
    { name: 'cron' },
    { group: 'apps', name: 'api', state: 'RUNNING', priority: 1 },
    { name: 'bad', failsToStartWith: 'Exited too quickly (process log may have details)' },
    { name: 'missing', commandProblem: { fault: 'NO_FILE', message: "can't find command '/nope'" } },
    { name: 'noexec', commandProblem: { fault: 'NOT_EXECUTABLE', message: "command at '/tmp' is a directory" } },
  ]);
}

describe('performAction', () => {
  it('stops a running process and waits until it is stopped', async () => {
    const m = model();
    await expect(performAction(m, 'stop', 'web')).resolves.toBe('Process web stopped');
    expect(m.process('web').state).toBe('STOPPED');
  });

  it('reports stopping a stopped process as the NOT_RUNNING fault', async () => {
    await expect(performAction(model(), 'stop', 'cron')).resolves.toBe('unexpected rpc fault [70] NOT_RUNNING: cron');
  });

  it('starts a process and waits until it is running', async () => {
    const m = model();
    await expect(performAction(m, 'start', 'cron')).resolves.toBe('Process cron started');
    expect(m.process('cron').state).toBe('RUNNING');
  });

  it('words start failures like 4.2.5', async () => {
    const m = model();
    await expect(performAction(m, 'start', 'web')).resolves.toBe('ERROR: Process web: already started');
    await expect(performAction(m, 'start', 'bad')).resolves.toBe('ERROR: Process bad: spawn error');
    await expect(performAction(m, 'start', 'missing')).resolves.toBe('ERROR: Process missing: no such file');
    await expect(performAction(m, 'start', 'noexec')).resolves.toBe('ERROR: Process noexec: file not executable');
  });

  it('restarts a running process (stop, then start) and reports success', async () => {
    const m = model();
    await expect(performAction(m, 'restart', 'apps:api')).resolves.toBe('Process apps:api restarted');
    expect(m.process('apps:api').calls).toEqual(['stop', 'start']);
    expect(m.process('apps:api').state).toBe('RUNNING');
  });

  it('clears a log', async () => {
    const m = model();
    await expect(performAction(m, 'clearlog', 'web')).resolves.toBe('Log for web cleared');
    expect(m.process('web').calls).toEqual(['clearLogs']);
  });

  it('names unknown processes as given', async () => {
    await expect(performAction(model(), 'stop', 'nope:x')).resolves.toBe('No such process named nope:x');
  });

  it('stops all running processes', async () => {
    const m = model();
    await expect(performAction(m, 'stopall', null, fixedNow)).resolves.toBe('All stopped at Mon Nov  2 03:31:51 2026');
    expect(m.process('web').state).toBe('STOPPED');
    expect(m.process('apps:api').state).toBe('STOPPED');
    expect(m.process('cron').calls).toEqual([]);
  });

  it('restarts all: stops the running ones, then starts every startable one', async () => {
    const m = model();
    await expect(performAction(m, 'restartall', null, fixedNow)).resolves.toBe('All restarted at Mon Nov  2 03:31:51 2026');
    expect(m.process('web').calls).toEqual(['stop', 'start']);
    expect(m.process('cron').state).toBe('RUNNING');
    expect(m.process('bad').state).toBe('BACKOFF');
    expect(m.process('missing').calls).toEqual([]);
  });

  it('refuses to act while supervisord is shutting down', async () => {
    const m = model();
    m.shutdown();
    await expect(performAction(m, 'stop', 'web')).resolves.toBe('unexpected rpc fault [6] SHUTDOWN_STATE');
    expect(m.process('web').calls).toEqual([]);
  });

  it('refreshes with the time', async () => {
    await expect(performAction(model(), 'refresh', null, fixedNow)).resolves.toBe('Page refreshed at Mon Nov  2 03:31:51 2026');
  });

  it('rejects unknown actions and process actions without a name', async () => {
    await expect(performAction(model(), 'explode', 'web')).rejects.toBeInstanceOf(InvalidActionError);
    await expect(performAction(model(), 'stop', null)).rejects.toBeInstanceOf(InvalidActionError);
  });
});

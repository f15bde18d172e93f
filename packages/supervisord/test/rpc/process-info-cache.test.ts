import { encodeValue, type XmlRpcStruct } from '@supervisor-ts/protocol';
import type { ProcessConfig } from '../../src/config/types';
import type { ProcessView } from '../../src/supervision/model';
import { ProcessInfoCache } from '../../src/rpc/process-info-cache';
import { buildProcessInfo } from '../../src/rpc/process-info';
import { FakeGroup, FakeModel, FakeProcess, groupConfig, processConfig } from '../helpers/fake-model';

/** What getAllProcessInfo sent before it was cached: every struct built and encoded afresh. */
function uncached(model: FakeModel, nowSeconds: number): string {
  const processes = model
    .groups()
    .flatMap((group) => group.processes)
    .slice()
    .sort((a, b) => (a.group === b.group ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.group < b.group ? -1 : 1));
  return encodeValue(processes.map((process) => buildProcessInfo(process, nowSeconds) as unknown as XmlRpcStruct));
}

function uncachedOne(process: ProcessView, nowSeconds: number): string {
  return encodeValue(buildProcessInfo(process, nowSeconds) as unknown as XmlRpcStruct);
}

const T = 1_800_000_000;

function build() {
  const model = new FakeModel([
    groupConfig('web', [processConfig('w2'), processConfig('w1')], 10),
    groupConfig('a&<b>', [processConfig('x', { redirect_stderr: true })], 20),
    groupConfig('db', [processConfig('db')], 5),
  ]);
  model.available.push(groupConfig('late', [processConfig('l1'), processConfig('l0')], 1));
  const cache = new ProcessInfoCache();
  const proc = (group: string, name: string): FakeProcess => model.group(group).process(name);
  const running = proc('web', 'w1');
  running.state = 'RUNNING';
  running.pid = 4100;
  running.startTime = T - 3725.4;
  running.stdoutLogPath = '/logs/w1-out.log';
  const fatal = proc('db', 'db');
  fatal.state = 'FATAL';
  fatal.spawnerr = "can't find command '/nope' <&>";
  const exited = proc('a&<b>', 'x');
  exited.state = 'EXITED';
  exited.startTime = T - 100;
  exited.stopTime = T - 50;
  exited.exitstatus = 3;
  exited.stdoutLogPath = '/logs/x-out.log';
  exited.stderrLogPath = '/logs/x-err.log';
  return { model, cache, proc };
}

describe('ProcessInfoCache: getAllProcessInfo', () => {
  it('writes the same bytes as building and encoding every struct', () => {
    const { model, cache } = build();
    expect(cache.allProcessInfo(model, T + 0.25).xml).toBe(uncached(model, T + 0.25));
  });

  it('hands back the same answer within a second while nothing changes', () => {
    const { model, cache } = build();
    const first = cache.allProcessInfo(model, T);
    expect(cache.allProcessInfo(model, T + 0.5)).toBe(first);
    expect(cache.allProcessInfo(model, T + 0.999)).toBe(first);
  });

  it('moves on with the second: now and the uptime change', () => {
    const { model, cache } = build();
    const first = cache.allProcessInfo(model, T + 0.9);
    const next = cache.allProcessInfo(model, T + 1);
    expect(next).not.toBe(first);
    expect(next.xml).toBe(uncached(model, T + 1));
    expect(next.xml).toContain(`<name>now</name>\n<value><int>${T + 1}</int></value>`);
    expect(next.xml).toContain('pid 4100, uptime 1:02:07');
  });

  it('shows a process started within the same second at once', () => {
    const { model, cache, proc } = build();
    const before = cache.allProcessInfo(model, T + 0.1);
    const w2 = proc('web', 'w2');
    w2.onStart = (p) => {
      p.pid = 5151;
      p.startTime = T + 0.2;
      p.setState('RUNNING');
      return null;
    };
    w2.start();
    const after = cache.allProcessInfo(model, T + 0.3);
    expect(after).not.toBe(before);
    expect(after.xml).toBe(uncached(model, T + 0.3));
    expect(after.xml).toContain('<value><string>pid 5151, uptime 0:00:00</string></value>');
  });

  it('shows a stop within the same second at once', () => {
    const { model, cache, proc } = build();
    cache.allProcessInfo(model, T);
    proc('web', 'w1').setState('STOPPED');
    expect(cache.allProcessInfo(model, T).xml).toBe(uncached(model, T));
  });

  it.each<[string, (p: FakeProcess) => void]>([
    ['state', (p) => (p.state = 'STARTING')],
    ['pid', (p) => (p.pid = 4101)],
    ['start time', (p) => (p.startTime -= 1)],
    ['start time within its second', (p) => (p.startTime += 0.1)],
    ['stop time', (p) => (p.stopTime = T - 10)],
    ['spawn error', (p) => (p.spawnerr = 'oops')],
    ['exit status', (p) => (p.exitstatus = 2)],
    ['stdout log file', (p) => (p.stdoutLogPath = '/logs/other.log')],
    ['stderr log file', (p) => (p.stderrLogPath = '/logs/err.log')],
    ['redirect_stderr', (p) => ((p.config as { redirect_stderr: boolean }).redirect_stderr = true)],
  ])('sees a change of the %s in the same second', (what, change) => {
    const { model, cache, proc } = build();
    const w1 = proc('web', 'w1');
    w1.stderrLogPath = '/logs/w1-err.log';
    const before = cache.allProcessInfo(model, T);
    change(w1);
    const after = cache.allProcessInfo(model, T);
    expect(after.xml).toBe(uncached(model, T));
    if (what !== 'start time within its second') expect(after.xml).not.toBe(before.xml);
  });

  it('sees groups added and removed, in sorted place', () => {
    const { model, cache } = build();
    cache.allProcessInfo(model, T);
    expect(model.addProcessGroup('late')).toBe('OK');
    const added = cache.allProcessInfo(model, T);
    expect(added.xml).toBe(uncached(model, T));
    expect(added.xml.indexOf('<value><string>l0</string>')).toBeLessThan(added.xml.indexOf('<value><string>l1</string>'));
    expect(added.xml.indexOf('<value><string>late</string>')).toBeLessThan(added.xml.indexOf('<value><string>web</string>'));
    expect(model.removeProcessGroup('web')).toBe('STILL_RUNNING');
    expect(model.removeProcessGroup('late')).toBe('OK');
    const removed = cache.allProcessInfo(model, T);
    expect(removed.xml).toBe(uncached(model, T));
    expect(removed.xml).not.toContain('late');
  });

  it('sees a group replaced by a reload (same names, new process objects)', () => {
    const { model, cache } = build();
    cache.allProcessInfo(model, T);
    const index = model.running.findIndex((group) => group.name === 'web');
    const replacement = new FakeGroup(groupConfig('web', [processConfig('w1'), processConfig('w3')], 10));
    model.running[index] = replacement;
    const after = cache.allProcessInfo(model, T);
    expect(after.xml).toBe(uncached(model, T));
    expect(after.xml).toContain('<value><string>w3</string>');
    expect(after.xml).not.toContain('w2');
  });

  it('sees a process added to a running group and a change of the group order', () => {
    const { model, cache } = build();
    cache.allProcessInfo(model, T);
    const web = model.group('web');
    web.processes.push(new FakeProcess('web', processConfig('w0')));
    expect(cache.allProcessInfo(model, T).xml).toBe(uncached(model, T));
    model.running.reverse();
    expect(cache.allProcessInfo(model, T).xml).toBe(uncached(model, T));
    web.processes.splice(0, 1);
    expect(cache.allProcessInfo(model, T).xml).toBe(uncached(model, T));
  });

  it('sorts again when a process shows a new name', () => {
    const { model, cache, proc } = build();
    cache.allProcessInfo(model, T);
    const w2 = proc('web', 'w2');
    Object.defineProperty(w2, 'config', { value: { ...w2.config, name: 'a0' } as ProcessConfig });
    const after = cache.allProcessInfo(model, T);
    expect(after.xml).toBe(uncached(model, T));
    expect(after.xml.indexOf('<value><string>a0</string>')).toBeLessThan(after.xml.indexOf('<value><string>w1</string>'));
  });

  it('answers an empty array when nothing runs', () => {
    const cache = new ProcessInfoCache();
    const model = new FakeModel([]);
    expect(cache.allProcessInfo(model, T).xml).toBe(uncached(model, T));
  });
});

describe('ProcessInfoCache: getProcessInfo', () => {
  it('writes the same bytes as building and encoding the struct, and sees changes at once', () => {
    const { cache, proc } = build();
    const w1 = proc('web', 'w1');
    const first = cache.processInfo(w1, T + 0.5);
    expect(first.xml).toBe(uncachedOne(w1, T + 0.5));
    expect(cache.processInfo(w1, T + 0.7)).toBe(first);
    w1.setState('EXITED');
    w1.exitstatus = 1;
    expect(cache.processInfo(w1, T + 0.7).xml).toBe(uncachedOne(w1, T + 0.7));
    expect(cache.processInfo(w1, T + 2).xml).toBe(uncachedOne(w1, T + 2));
  });

  it('shares its texts with getAllProcessInfo without going stale', () => {
    const { model, cache, proc } = build();
    cache.allProcessInfo(model, T);
    const w1 = proc('web', 'w1');
    w1.pid = 9999;
    expect(cache.processInfo(w1, T).xml).toBe(uncachedOne(w1, T));
    expect(cache.allProcessInfo(model, T).xml).toBe(uncached(model, T));
  });
});

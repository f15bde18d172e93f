/** The reaper against a scripted kernel: ours reaped in one pass, others' children left alone. */
import { ChildReaper, decodeWaitStatus, type WaitCalls } from '../../src/os/child-reaper';
import type { ChildExit } from '../../src/os/ports';

/** Children that have ended, in the order the kernel lists them, with their raw statuses. */
class ScriptedKernel implements WaitCalls {
  ended: Array<[number, number]> = [];
  reapCalls: number[] = [];
  signal: () => void = () => {};

  reap(pid: number): number {
    this.reapCalls.push(pid);
    const index = this.ended.findIndex(([endedPid]) => endedPid === pid);
    if (index < 0) return -1;
    return this.ended.splice(index, 1)[0][1];
  }
  nextExited(): number {
    return this.ended[0]?.[0] ?? 0;
  }
  watchChildExits(callback: () => void): void {
    this.signal = callback;
  }
  holding = false;
  holdEventLoop(hold: boolean): void {
    this.holding = hold;
  }
}

function setUp(pids: number[]) {
  const kernel = new ScriptedKernel();
  const reaper = new ChildReaper(kernel);
  const exits = new Map<number, ChildExit>();
  for (const pid of pids) reaper.watch(pid, (exit) => exits.set(pid, exit));
  return { kernel, exits };
}

test('raw statuses become exit codes or signal names', () => {
  expect(decodeWaitStatus(3 << 8)).toEqual({ code: 3, signal: null });
  expect(decodeWaitStatus(15)).toEqual({ code: null, signal: 'SIGTERM' });
  expect(decodeWaitStatus(9 | 0x80)).toEqual({ code: null, signal: 'SIGKILL' });
});

test('ended children of ours are reaped one wait each, without asking the others', () => {
  const pids = Array.from({ length: 100 }, (_, index) => 1000 + index);
  const { kernel, exits } = setUp(pids);
  kernel.ended = pids.slice(0, 50).map((pid) => [pid, 15]);
  kernel.signal();
  expect(exits.size).toBe(50);
  expect(kernel.reapCalls).toHaveLength(50);
  expect(exits.get(1000)).toEqual({ code: null, signal: 'SIGTERM' });
});

test("a child that is not ours is left to its owner and ours are still found", () => {
  const { kernel, exits } = setUp([1, 2, 3]);
  kernel.ended = [
    [99, 0],
    [2, 1 << 8],
  ];
  kernel.signal();
  expect(exits.get(2)).toEqual({ code: 1, signal: null });
  expect(exits.size).toBe(1);
  expect(kernel.reapCalls).not.toContain(99);
  expect(kernel.ended).toEqual([[99, 0]]);
});

test('a watched pid that is no longer a child counts as ended', () => {
  const { kernel, exits } = setUp([7]);
  kernel.reap = () => {
    throw Object.assign(new Error('waitpid ECHILD'), { code: 'ECHILD' });
  };
  kernel.ended = [[8, 0]];
  kernel.signal();
  expect(exits.get(7)).toEqual({ code: null, signal: null });
});

test('the event loop is held while watched children run, and let go after the last', () => {
  const { kernel } = setUp([1, 2]);
  expect(kernel.holding).toBe(true);
  kernel.ended = [[1, 0]];
  kernel.signal();
  expect(kernel.holding).toBe(true);
  kernel.ended = [[2, 0]];
  kernel.signal();
  expect(kernel.holding).toBe(false);
});

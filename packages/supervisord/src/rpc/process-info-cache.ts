/**
 * The encoded answers of getProcessInfo and getAllProcessInfo, reused while nothing they show has
 * changed.
 *
 * getAllProcessInfo is polled hard (status pages, `supervisorctl status`, monitoring), and building
 * and encoding one struct per process for every call was most of its cost. The cache needs no
 * notice of changes: on every call it reads the fields each struct is made from (see
 * `ProcessInfoSource`) and compares them with the ones its text was made from. A change therefore
 * shows in the very next answer, even within the same second (a process started and queried at
 * once). `now` and the uptime in `description` are whole seconds, so the second is compared too.
 */
import { XmlRpcEncodedValue, encodeValue, type ProcessStateName, type XmlRpcStruct } from '@supervisor-ts/protocol';
import type { ProcessView, SupervisorModel } from '../supervision/model';
import { buildProcessInfo, type ProcessInfoSource } from './process-info';

/** One process's encoded struct and the field values it was made from. */
class EncodedProcessInfo {
  readonly name: string;
  readonly group: string;
  readonly state: ProcessStateName;
  readonly pid: number;
  readonly startTime: number;
  readonly stopTime: number;
  readonly spawnerr: string;
  readonly exitstatus: number;
  readonly stdoutLogPath: string | null;
  readonly stderrLogPath: string | null;
  readonly redirectStderr: boolean;
  readonly value: XmlRpcEncodedValue;

  constructor(
    source: ProcessInfoSource,
    nowSeconds: number,
    readonly second: number,
  ) {
    this.name = source.name;
    this.group = source.group;
    this.state = source.state;
    this.pid = source.pid;
    this.startTime = source.startTime;
    this.stopTime = source.stopTime;
    this.spawnerr = source.spawnerr;
    this.exitstatus = source.exitstatus;
    this.stdoutLogPath = source.stdoutLogPath;
    this.stderrLogPath = source.stderrLogPath;
    this.redirectStderr = source.config.redirect_stderr;
    this.value = new XmlRpcEncodedValue(encodeValue(buildProcessInfo(source, nowSeconds) as unknown as XmlRpcStruct));
  }

  /** True when the text still shows `source` at `second`. NaN times never match, so they are rebuilt. */
  shows(source: ProcessInfoSource, second: number): boolean {
    return (
      this.second === second &&
      this.state === source.state &&
      this.pid === source.pid &&
      this.startTime === source.startTime &&
      this.stopTime === source.stopTime &&
      this.exitstatus === source.exitstatus &&
      this.spawnerr === source.spawnerr &&
      this.stdoutLogPath === source.stdoutLogPath &&
      this.stderrLogPath === source.stderrLogPath &&
      this.redirectStderr === source.config.redirect_stderr &&
      this.name === source.name &&
      this.group === source.group
    );
  }
}

/** getAllProcessInfo's order: by group name, then by process name. */
function byGroupThenName(a: ProcessView, b: ProcessView): number {
  if (a.group !== b.group) return a.group < b.group ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

const ARRAY_OPEN = '<value><array><data>\n';
const ARRAY_CLOSE = '</data></array></value>\n';

export class ProcessInfoCache {
  private readonly entries = new WeakMap<ProcessView, EncodedProcessInfo>();

  /** The processes in the order the model listed them when `sorted` was made. */
  private listed: ProcessView[] = [];
  /** The processes in answer order, and the entry of each (same index; null until made). */
  private sorted: ProcessView[] = [];
  private sortedEntries: (EncodedProcessInfo | null)[] = [];

  /** The last whole answer; null when it must be made again. */
  private answer: XmlRpcEncodedValue | null = null;

  /** One process's struct at `nowSeconds` (epoch seconds). */
  processInfo(process: ProcessView, nowSeconds: number): XmlRpcEncodedValue {
    return this.entryFor(process, nowSeconds, Math.trunc(nowSeconds)).value;
  }

  /**
   * Every running process's struct, sorted by group and name. The same object comes back while
   * nothing in it changed, which lets the caller keep its encoded response too.
   */
  allProcessInfo(model: SupervisorModel, nowSeconds: number): XmlRpcEncodedValue {
    const second = Math.trunc(nowSeconds);
    if (!this.sameProcesses(model)) this.sortAgain(model);
    const processes = this.sorted;
    const entries = this.sortedEntries;
    let answer = this.answer;
    for (let i = 0; i < processes.length; i += 1) {
      const process = processes[i];
      const entry = entries[i];
      if (entry !== null && entry.shows(process, second)) continue;
      const fresh = this.entryFor(process, nowSeconds, second);
      if (entry !== null && (entry.name !== fresh.name || entry.group !== fresh.group)) {
        // A new name or group moves the process in the order (names are fixed, so this is rare).
        this.sortAgain(model);
        return this.compose(nowSeconds, second);
      }
      entries[i] = fresh;
      answer = null;
    }
    return answer ?? this.compose(nowSeconds, second);
  }

  /** Makes the whole answer from the current entries, refreshing the ones not made yet. */
  private compose(nowSeconds: number, second: number): XmlRpcEncodedValue {
    let xml = ARRAY_OPEN;
    for (let i = 0; i < this.sorted.length; i += 1) {
      const process = this.sorted[i];
      let entry = this.sortedEntries[i];
      if (entry === null || !entry.shows(process, second)) {
        entry = this.entryFor(process, nowSeconds, second);
        this.sortedEntries[i] = entry;
      }
      xml += entry.value.xml;
    }
    xml += ARRAY_CLOSE;
    this.answer = new XmlRpcEncodedValue(xml);
    return this.answer;
  }

  private entryFor(process: ProcessView, nowSeconds: number, second: number): EncodedProcessInfo {
    const cached = this.entries.get(process);
    if (cached !== undefined && cached.shows(process, second)) return cached;
    const entry = new EncodedProcessInfo(process, nowSeconds, second);
    this.entries.set(process, entry);
    return entry;
  }

  /** True when the model lists the same processes in the same order. */
  private sameProcesses(model: SupervisorModel): boolean {
    const listed = this.listed;
    const groups = model.groups();
    let index = 0;
    for (let g = 0; g < groups.length; g += 1) {
      const processes = groups[g].processes;
      for (let p = 0; p < processes.length; p += 1) {
        if (listed[index] !== processes[p]) return false;
        index += 1;
      }
    }
    return index === listed.length;
  }

  private sortAgain(model: SupervisorModel): void {
    this.listed = model.groups().flatMap((group) => group.processes);
    this.sorted = this.listed.slice().sort(byGroupThenName);
    this.sortedEntries = this.sorted.map((process) => this.entries.get(process) ?? null);
    this.answer = null;
  }
}

/**
 * An in-memory ExtensionHost for unit tests: groups and processes are plain records the test sets
 * up and inspects; addProgramToGroup understands just enough of a [program:x] section (command,
 * numprocs, process_name, autostart) to exercise the namespace's paths.
 */
import type { ProcessStateName, SupervisorStateName, XmlRpcValue } from '@supervisor-ts/protocol';
import type {
  ExtensionHost,
  ExtensionLogLevel,
  GroupView,
  ProcessView,
  RpcMethod,
  RpcNamespace,
  SupervisorModel,
} from '@supervisor-ts/supervisord/extension';

export const FAKE_CONFIG_FILE = '/etc/fake/supervisord.conf';

/** Shaped like the daemon's ConfigError: the problem, where it is, and a message of its own. */
export class FakeConfigError extends Error {
  constructor(
    readonly detail: string,
    readonly section: string | null,
    readonly file: string | null = FAKE_CONFIG_FILE,
  ) {
    super(`${file}, [${section}]: ${detail}`);
    this.name = 'ConfigError';
  }
}

export interface FakeProcess {
  group: string;
  name: string;
  state: ProcessStateName;
  pid: number;
  options: Record<string, string>;
}

export interface FakeGroup {
  name: string;
  priority: number;
  processes: FakeProcess[];
}

function processView(process: FakeProcess): ProcessView {
  // Only the members the twiddler namespace reads are real; the rest must never be touched.
  const unused = (): never => {
    throw new Error('not used by twiddler');
  };
  return {
    get group() {
      return process.group;
    },
    get name() {
      return process.name;
    },
    get state() {
      return process.state;
    },
    get pid() {
      return process.pid;
    },
    get config(): never {
      return unused();
    },
    startTime: 0,
    stopTime: 0,
    spawnerr: '',
    exitstatus: 0,
    stdoutLogPath: null,
    stderrLogPath: null,
    checkCommand: unused,
    start: unused,
    settle: unused,
    stop: unused,
    signal: unused,
    writeStdin: unused,
    clearLogs: unused,
    onStateChange: unused,
  };
}

function groupView(group: FakeGroup): GroupView {
  return {
    name: group.name,
    priority: group.priority,
    get config(): never {
      throw new Error('not used by twiddler');
    },
    get processes() {
      return group.processes.map(processView);
    },
  };
}

export class FakeExtensionHost implements ExtensionHost {
  readonly supervisorVersion = '4.2.5';
  readonly servers = { inetWithoutAuth: false };
  state: SupervisorStateName = 'RUNNING';
  readonly groupList: FakeGroup[] = [];
  readonly logLines: Array<{ level: ExtensionLogLevel; message: string }> = [];
  readonly calls: string[] = [];
  readonly model: SupervisorModel;

  constructor(groups: Array<{ name: string; priority?: number; processes?: Array<Partial<FakeProcess> & { name: string }> }> = []) {
    for (const group of groups) {
      this.groupList.push({
        name: group.name,
        priority: group.priority ?? 999,
        processes: (group.processes ?? []).map((p) => ({
          group: group.name,
          state: 'STOPPED',
          pid: 0,
          options: {},
          ...p,
        })),
      });
    }
    const unused = (): never => {
      throw new Error('not used by twiddler');
    };
    const host = this;
    this.model = {
      identifier: 'supervisor',
      get state() {
        return host.state;
      },
      pid: 1,
      groups: () => host.groupList.map(groupView),
      getGroup: (name: string) => {
        const group = host.findGroup(name);
        return group === undefined ? undefined : groupView(group);
      },
      availableGroupConfigs: unused,
      mainLogPath: null,
      clearMainLog: unused,
      shutdown: unused,
      restart: unused,
      reloadConfig: unused,
      addProcessGroup: unused,
      removeProcessGroup: unused,
      sendRemoteCommEvent: unused,
    };
  }

  findGroup(name: string): FakeGroup | undefined {
    return this.groupList.find((group) => group.name === name);
  }

  findProcess(group: string, name: string): FakeProcess | undefined {
    return this.findGroup(group)?.processes.find((process) => process.name === name);
  }

  log(level: ExtensionLogLevel, message: string): void {
    this.logLines.push({ level, message });
  }

  addGroup(name: string, priority: number): void {
    this.calls.push(`addGroup ${name} ${priority}`);
    if (this.findGroup(name) !== undefined) {
      throw Object.assign(new Error(`group ${name} already exists`), { code: 'ALREADY_ADDED', groupName: name });
    }
    this.groupList.push({ name, priority, processes: [] });
  }

  removeGroup(name: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING' {
    this.calls.push(`removeGroup ${name}`);
    const index = this.groupList.findIndex((group) => group.name === name);
    if (index < 0) return 'BAD_NAME';
    if (this.groupList[index].processes.some((p) => p.pid !== 0)) return 'STILL_RUNNING';
    this.groupList.splice(index, 1);
    return 'OK';
  }

  addProgramToGroup(group: string, program: string, options: Record<string, string>): string[] {
    this.calls.push(`addProgramToGroup ${group} ${program}`);
    const target = this.findGroup(group);
    if (target === undefined) throw new Error(`no group ${group}`);
    if (options.command === undefined) {
      throw new FakeConfigError(`program section program:${program} does not specify a command`, `program:${program}`);
    }
    const autostart = (options.autostart ?? 'true').toLowerCase();
    if (!['true', 'false'].includes(autostart)) {
      throw new FakeConfigError(`not a valid boolean value: '${options.autostart}'`, `program:${program}`);
    }
    const numprocs = Number(options.numprocs ?? '1');
    const template = options.process_name ?? '%(program_name)s';
    const names: string[] = [];
    for (let n = 0; n < numprocs; n++) {
      names.push(template.replace('%(program_name)s', program).replace('%(process_num)d', String(n)));
    }
    const duplicate = names.find((name) => target.processes.some((p) => p.name === name));
    if (duplicate !== undefined) {
      throw Object.assign(new Error(`duplicate process ${duplicate}`), { code: 'BAD_NAME', processName: duplicate });
    }
    for (const name of names) {
      target.processes.push({
        group,
        name,
        state: autostart === 'true' ? 'RUNNING' : 'STOPPED',
        pid: autostart === 'true' ? 4242 : 0,
        options,
      });
    }
    return names;
  }

  removeProcessFromGroup(group: string, processName: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING' {
    this.calls.push(`removeProcessFromGroup ${group} ${processName}`);
    const target = this.findGroup(group);
    const index = target?.processes.findIndex((p) => p.name === processName) ?? -1;
    if (target === undefined || index < 0) return 'BAD_NAME';
    if (target.processes[index].pid !== 0) return 'STILL_RUNNING';
    target.processes.splice(index, 1);
    return 'OK';
  }
}

/** Calls a method as the dispatcher would: argument counts are checked before the handler runs. */
export async function call(namespace: RpcNamespace, name: string, ...args: XmlRpcValue[]): Promise<XmlRpcValue> {
  const method: RpcMethod | undefined = namespace.methods.find((m) => m.name === name);
  if (method === undefined) throw new Error(`no method ${namespace.name}.${name}`);
  const parameterCount = method.signature.length - 1;
  const min = method.minArgs ?? parameterCount;
  const max = method.maxArgs ?? parameterCount;
  if (args.length < min || args.length > max) throw new Error(`wrong argument count for ${name}`);
  return method.handler(...args);
}

/** The fault a call ends in, as `{ code, text }`; fails the test when the call succeeds. */
export async function faultOf(
  namespace: RpcNamespace,
  name: string,
  ...args: XmlRpcValue[]
): Promise<{ code: number; text: string }> {
  let result: XmlRpcValue;
  try {
    result = await call(namespace, name, ...args);
  } catch (error) {
    const fault = error as { faultCode?: unknown; faultString?: unknown };
    if (typeof fault.faultCode !== 'number' || typeof fault.faultString !== 'string') throw error;
    return { code: fault.faultCode, text: fault.faultString };
  }
  throw new Error(`${name} returned ${JSON.stringify(result)} instead of a fault`);
}

/** The `supervisor` namespace: every method of Supervisor 4.2.5's main RPC interface. */
import {
  Faults,
  RpcFault,
  SupervisorStates,
  splitNamespec,
  type XmlRpcStruct,
  type XmlRpcValue,
} from '@supervisor-ts/protocol';
import type { GroupView, ProcessView, SupervisorModel } from '../../supervision/model';
import { buildConfigInfo } from '../config-info';
import { readLogFile, tailLogFile } from '../log-files';
import type { RpcMethod, RpcNamespace, XmlRpcTypeName } from '../namespace';
import { applyToAll, clearOne, processesByPriority, signalOne, startOne, stopOne, type OpResult } from '../process-ops';
import { ProcessInfoCache } from '../process-info-cache';

export const API_VERSION = '3.0';
export const SUPERVISOR_VERSION = '4.2.5';

export interface SupervisorNamespaceOptions {
  /** Current time in epoch seconds (for `now` and uptimes); defaults to the system clock. */
  now?: () => number;
}

type Param = [XmlRpcTypeName, string, string];

interface MethodSpec {
  name: string;
  returns: [XmlRpcTypeName, string];
  params?: Param[];
  /** Number of trailing parameters that may be left out. */
  optional?: number;
  help: string;
  /** When false, the method works while supervisord is shutting down or restarting. */
  guarded?: boolean;
  handler: (...args: XmlRpcValue[]) => XmlRpcValue | Promise<XmlRpcValue>;
}

/** Python-style truthiness of an XML-RPC value (for `wait` flags). */
function truthy(value: XmlRpcValue | undefined): boolean {
  if (value === undefined) return true;
  if (value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** An int argument: an integer number, a digit string such as `-5`, or a boolean. */
function intArgument(value: XmlRpcValue, what: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value.trim());
  throw new RpcFault(Faults.INCORRECT_PARAMETERS, `${what} must be an integer`);
}

/** A name argument; anything but a string names nothing. */
function nameArgument(value: XmlRpcValue): string {
  if (typeof value === 'string') return value;
  throw new RpcFault(Faults.BAD_NAME, typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function helpText(spec: MethodSpec): string {
  const lines = [spec.help, ''];
  for (const [type, name, text] of spec.params ?? []) lines.push(`@param ${type} ${name} ${text}`);
  lines.push(`@return ${spec.returns[0]} ${spec.returns[1]}`);
  return lines.join('\n');
}

export function createSupervisorNamespace(model: SupervisorModel, options: SupervisorNamespaceOptions = {}): RpcNamespace {
  const now = options.now ?? (() => Date.now() / 1000);
  const processInfo = new ProcessInfoCache();

  const guard = (): void => {
    if (SupervisorStates[model.state] < SupervisorStates.RUNNING) throw new RpcFault(Faults.SHUTDOWN_STATE);
  };

  const groupOrBadName = (name: XmlRpcValue): GroupView => {
    const text = nameArgument(name);
    const group = model.getGroup(text);
    if (!group) throw new RpcFault(Faults.BAD_NAME, text);
    return group;
  };

  /** Resolves a namespec; `group:*` yields the group alone (process null). */
  const resolve = (name: XmlRpcValue): { text: string; group: GroupView; process: ProcessView | null } => {
    const text = nameArgument(name);
    const parsed = splitNamespec(text);
    const group = model.getGroup(parsed.group);
    if (!group) throw new RpcFault(Faults.BAD_NAME, text);
    if (parsed.process === null) return { text, group, process: null };
    const process = group.processes.find((candidate) => candidate.name === parsed.process);
    if (!process) throw new RpcFault(Faults.BAD_NAME, text);
    return { text, group, process };
  };

  /** A single process; the whole-group form is a bad name here. */
  const resolveProcess = (name: XmlRpcValue): { text: string; process: ProcessView } => {
    const { text, process } = resolve(name);
    if (!process) throw new RpcFault(Faults.BAD_NAME, text);
    return { text, process };
  };

  const allProcesses = (): ProcessView[] => model.groups().flatMap((group) => processesByPriority(group));

  const startGroup = (group: GroupView, wait: boolean): OpResult =>
    applyToAll(
      processesByPriority(group).filter((p) => !['RUNNING', 'BACKOFF', 'STARTING'].includes(p.state)),
      (p, namespec) => startOne(p, namespec, wait),
    );
  const stopGroup = (group: GroupView, wait: boolean): OpResult =>
    applyToAll(
      processesByPriority(group).filter((p) => ['RUNNING', 'BACKOFF', 'STARTING'].includes(p.state)),
      (p, namespec) => stopOne(p, namespec, wait),
    );
  const signalSet = (processes: ProcessView[], signal: XmlRpcValue): OpResult =>
    applyToAll(
      processes.filter((p) => ['RUNNING', 'STARTING', 'STOPPING'].includes(p.state)),
      (p, namespec) => signalOne(p, namespec, signal),
    );

  const readProcessLog = (channel: 'stdoutLogPath' | 'stderrLogPath') => (name: XmlRpcValue, offset: XmlRpcValue, length: XmlRpcValue) => {
    guard();
    const { process } = resolveProcess(name);
    const path = process[channel];
    if (path === null) throw new RpcFault(Faults.NO_FILE);
    const result = readLogFile(path, intArgument(offset, 'offset'), intArgument(length, 'length'));
    if (!result.ok) throw new RpcFault(Faults[result.fault], result.fault === 'NO_FILE' ? path : null);
    return result.text;
  };

  const tailProcessLog = (channel: 'stdoutLogPath' | 'stderrLogPath') => (name: XmlRpcValue, offset: XmlRpcValue, length: XmlRpcValue) => {
    guard();
    const { process } = resolveProcess(name);
    return tailLogFile(process[channel], intArgument(offset, 'offset'), intArgument(length, 'length'));
  };

  const readMainLog = (offset: XmlRpcValue, length: XmlRpcValue) => {
    guard();
    const path = model.mainLogPath;
    if (path === null) throw new RpcFault(Faults.NO_FILE);
    const result = readLogFile(path, intArgument(offset, 'offset'), intArgument(length, 'length'));
    if (!result.ok) throw new RpcFault(Faults[result.fault], result.fault === 'NO_FILE' ? path : null);
    return result.text;
  };

  const NAME: Param = ['string', 'name', 'the process (group:name, or name), or group:* for a whole group'];
  const PROCESS: Param = ['string', 'name', 'the process (group:name, or name)'];
  const GROUP: Param = ['string', 'name', 'the group'];
  const WAIT: Param = ['boolean', 'wait', 'when true (the default), answer only once the change is complete'];
  const OFFSET: Param = ['int', 'offset', 'byte offset to start at; negative counts from the end'];
  const LENGTH: Param = ['int', 'length', 'number of bytes; 0 means up to the end'];
  const TAIL_OFFSET: Param = ['int', 'offset', 'byte offset the caller has already read up to'];
  const TAIL_LENGTH: Param = ['int', 'length', 'largest number of bytes to return'];
  const SIGNAL: Param = ['string', 'signal', 'a signal name such as HUP or SIGHUP, or its number'];
  const RESULTS: [XmlRpcTypeName, string] = ['array', 'one {name, group, status, description} struct per process acted on'];

  const readStdoutSpec = {
    returns: ['string', 'the bytes read, as text'] as [XmlRpcTypeName, string],
    params: [PROCESS, OFFSET, LENGTH],
    help: "Reads part of a process's stdout log file.",
    handler: readProcessLog('stdoutLogPath') as MethodSpec['handler'],
  };
  const tailStdoutSpec = {
    returns: ['array', '[text, offset to ask for next time, overflow flag]'] as [XmlRpcTypeName, string],
    params: [PROCESS, TAIL_OFFSET, TAIL_LENGTH],
    help: "Returns what was appended to a process's stdout log since an offset, at most length bytes (the newest ones).",
    handler: tailProcessLog('stdoutLogPath') as MethodSpec['handler'],
  };
  const readMainLogSpec = {
    returns: ['string', 'the bytes read, as text'] as [XmlRpcTypeName, string],
    params: [OFFSET, LENGTH],
    help: "Reads part of supervisord's own log file.",
    handler: readMainLog as MethodSpec['handler'],
  };
  const clearProcessLogsSpec = {
    returns: ['boolean', 'always true'] as [XmlRpcTypeName, string],
    params: [PROCESS],
    help: "Empties a running process's stdout and stderr log files (backups are kept).",
    handler: ((name: XmlRpcValue) => {
      guard();
      const { text, process } = resolveProcess(name);
      return clearOne(process, text);
    }) as MethodSpec['handler'],
  };
  const versionSpec = {
    returns: ['string', 'the version'] as [XmlRpcTypeName, string],
    handler: () => {
      guard();
      return API_VERSION;
    },
  };

  const specs: MethodSpec[] = [
    { name: 'getAPIVersion', ...versionSpec, help: 'Returns the version of this RPC interface.' },
    { name: 'getVersion', ...versionSpec, help: 'Returns the version of this RPC interface (older name of getAPIVersion).' },
    {
      name: 'getSupervisorVersion',
      returns: ['string', 'the version'],
      help: 'Returns the version of supervisord this server is compatible with.',
      handler: () => {
        guard();
        return SUPERVISOR_VERSION;
      },
    },
    {
      name: 'getIdentification',
      returns: ['string', 'the identifier'],
      help: 'Returns the identifier configured for this supervisord.',
      handler: () => {
        guard();
        return model.identifier;
      },
    },
    {
      name: 'getState',
      returns: ['struct', '{statecode, statename}'],
      help: 'Returns the state of supervisord as a code and a name.',
      handler: () => {
        guard();
        return { statecode: SupervisorStates[model.state], statename: model.state };
      },
    },
    {
      name: 'getPID',
      returns: ['int', 'the process id'],
      help: 'Returns the process id of supervisord.',
      handler: () => {
        guard();
        return model.pid;
      },
    },
    { name: 'readLog', ...readMainLogSpec },
    { name: 'readMainLog', ...readMainLogSpec, help: `${readMainLogSpec.help} Same as readLog.` },
    {
      name: 'clearLog',
      returns: ['boolean', 'always true'],
      help: "Empties supervisord's own log file (backups are kept).",
      handler: () => {
        guard();
        if (model.mainLogPath === null) throw new RpcFault(Faults.NO_FILE);
        try {
          model.clearMainLog();
        } catch {
          throw new RpcFault(Faults.FAILED);
        }
        return true;
      },
    },
    {
      name: 'shutdown',
      returns: ['boolean', 'always true'],
      help: 'Stops every process, then supervisord itself.',
      handler: () => {
        guard();
        model.shutdown();
        return true;
      },
    },
    {
      name: 'restart',
      returns: ['boolean', 'always true'],
      help: 'Stops every process, reads the configuration again and starts over, keeping the same process id.',
      handler: () => {
        guard();
        model.restart();
        return true;
      },
    },
    {
      name: 'reloadConfig',
      returns: ['array', '[[added, changed, removed]] group names'],
      help: 'Reads the configuration files again and reports which groups were added, changed or removed. Nothing is applied.',
      handler: () => {
        guard();
        let result;
        try {
          result = model.reloadConfig();
        } catch (error) {
          throw new RpcFault(Faults.CANT_REREAD, error instanceof Error ? error.message : String(error));
        }
        return [[[...result.added], [...result.changed], [...result.removed]]];
      },
    },
    {
      name: 'addProcessGroup',
      returns: ['boolean', 'true once the group was added'],
      params: [['string', 'name', 'a group from the configuration that is not running yet']],
      help: 'Creates a configured group that is not running yet.',
      handler: (name) => {
        guard();
        const text = nameArgument(name);
        const outcome = model.addProcessGroup(text);
        if (outcome !== 'OK') throw new RpcFault(Faults[outcome], text);
        return true;
      },
    },
    {
      name: 'removeProcessGroup',
      returns: ['boolean', 'true once the group was removed'],
      params: [GROUP],
      help: 'Removes a running group whose processes are all stopped.',
      handler: (name) => {
        guard();
        const text = nameArgument(name);
        const outcome = model.removeProcessGroup(text);
        if (outcome !== 'OK') throw new RpcFault(Faults[outcome], text);
        return true;
      },
    },
    {
      name: 'getAllConfigInfo',
      returns: ['array', 'one struct per configured process'],
      help: 'Describes the configuration of every configured process, running or not, sorted by process name.',
      handler: () => {
        guard();
        const infos = model.availableGroupConfigs().flatMap((group) =>
          group.processes.map((config) => buildConfigInfo(group, config, model.getGroup(group.name))),
        );
        return infos
          .map((info, index) => ({ info, index }))
          .sort((a, b) => (a.info.name < b.info.name ? -1 : a.info.name > b.info.name ? 1 : a.index - b.index))
          .map(({ info }) => info as unknown as XmlRpcStruct);
      },
    },
    {
      name: 'startProcess',
      returns: ['boolean', 'true, or a result array for group:*'],
      params: [NAME, WAIT],
      optional: 1,
      help: 'Starts a process.',
      handler: (name, wait) => {
        guard();
        const { text, group, process } = resolve(name);
        if (!process) return startGroup(group, truthy(wait));
        return startOne(process, text, truthy(wait));
      },
    },
    {
      name: 'startProcessGroup',
      returns: RESULTS,
      params: [GROUP, WAIT],
      optional: 1,
      help: 'Starts every process of a group that is not already running.',
      handler: (name, wait) => {
        guard();
        return startGroup(groupOrBadName(name), truthy(wait));
      },
    },
    {
      name: 'startAllProcesses',
      returns: RESULTS,
      params: [WAIT],
      optional: 1,
      help: 'Starts every process that is not already running, in priority order.',
      handler: (wait) => {
        guard();
        return applyToAll(
          allProcesses().filter((p) => !['RUNNING', 'BACKOFF', 'STARTING'].includes(p.state)),
          (p, namespec) => startOne(p, namespec, truthy(wait)),
        );
      },
    },
    {
      name: 'stopProcess',
      returns: ['boolean', 'true, or a result array for group:*'],
      params: [NAME, WAIT],
      optional: 1,
      help: 'Stops a process.',
      handler: (name, wait) => {
        guard();
        const { text, group, process } = resolve(name);
        if (!process) return stopGroup(group, truthy(wait));
        return stopOne(process, text, truthy(wait));
      },
    },
    {
      name: 'stopProcessGroup',
      returns: RESULTS,
      params: [GROUP, WAIT],
      optional: 1,
      help: 'Stops every running process of a group.',
      handler: (name, wait) => {
        guard();
        return stopGroup(groupOrBadName(name), truthy(wait));
      },
    },
    {
      name: 'stopAllProcesses',
      returns: RESULTS,
      params: [WAIT],
      optional: 1,
      help: 'Stops every running process.',
      handler: (wait) => {
        guard();
        return applyToAll(
          allProcesses().filter((p) => ['RUNNING', 'BACKOFF', 'STARTING'].includes(p.state)),
          (p, namespec) => stopOne(p, namespec, truthy(wait)),
        );
      },
    },
    {
      name: 'signalProcess',
      returns: ['boolean', 'true, or a result array for group:*'],
      params: [NAME, SIGNAL],
      help: 'Sends a signal to a process.',
      handler: (name, signal) => {
        guard();
        const { text, group, process } = resolve(name);
        if (!process) return signalSet(processesByPriority(group), signal);
        return signalOne(process, text, signal);
      },
    },
    {
      name: 'signalProcessGroup',
      returns: RESULTS,
      params: [GROUP, SIGNAL],
      help: 'Sends a signal to every process of a group that can take one.',
      handler: (name, signal) => {
        guard();
        return signalSet(processesByPriority(groupOrBadName(name)), signal);
      },
    },
    {
      name: 'signalAllProcesses',
      returns: RESULTS,
      params: [SIGNAL],
      help: 'Sends a signal to every process that can take one.',
      handler: (signal) => {
        const outcome = signalSet(allProcesses(), signal);
        guard();
        return outcome;
      },
    },
    {
      name: 'getProcessInfo',
      returns: ['struct', 'the process description'],
      params: [PROCESS],
      help: 'Describes one process: state, pid, times, exit status and log files.',
      handler: (name) => {
        guard();
        return processInfo.processInfo(resolveProcess(name).process, now());
      },
    },
    {
      name: 'getAllProcessInfo',
      returns: ['array', 'one struct per process'],
      help: 'Describes every process, sorted by group name and then process name.',
      handler: () => {
        guard();
        return processInfo.allProcessInfo(model, now());
      },
    },
    { name: 'readProcessStdoutLog', ...readStdoutSpec },
    { name: 'readProcessLog', ...readStdoutSpec, help: `${readStdoutSpec.help} Same as readProcessStdoutLog.` },
    {
      name: 'readProcessStderrLog',
      ...readStdoutSpec,
      help: "Reads part of a process's stderr log file.",
      handler: readProcessLog('stderrLogPath') as MethodSpec['handler'],
    },
    { name: 'tailProcessStdoutLog', ...tailStdoutSpec },
    { name: 'tailProcessLog', ...tailStdoutSpec, help: `${tailStdoutSpec.help} Same as tailProcessStdoutLog.` },
    {
      name: 'tailProcessStderrLog',
      ...tailStdoutSpec,
      help: "Returns what was appended to a process's stderr log since an offset, at most length bytes (the newest ones).",
      handler: tailProcessLog('stderrLogPath') as MethodSpec['handler'],
    },
    { name: 'clearProcessLogs', ...clearProcessLogsSpec },
    { name: 'clearProcessLog', ...clearProcessLogsSpec, help: `${clearProcessLogsSpec.help} Same as clearProcessLogs.` },
    {
      name: 'clearAllProcessLogs',
      returns: RESULTS,
      help: 'Empties the log files of every process.',
      handler: () => {
        guard();
        return applyToAll(allProcesses(), (p, namespec) => clearOne(p, namespec));
      },
    },
    {
      name: 'sendProcessStdin',
      returns: ['boolean', 'always true'],
      params: [PROCESS, ['string', 'chars', 'the text to write (sent as UTF-8)']],
      help: "Writes text to a running process's standard input.",
      handler: (name, chars) => {
        guard();
        if (typeof chars !== 'string') throw new RpcFault(Faults.INCORRECT_PARAMETERS, String(chars));
        const { text, process } = resolveProcess(name);
        if (process.pid === 0 || process.state === 'STOPPING') throw new RpcFault(Faults.NOT_RUNNING, text);
        try {
          process.writeStdin(Buffer.from(chars, 'utf8'));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw new RpcFault(Faults.NO_FILE, text);
          throw error;
        }
        return true;
      },
    },
    {
      name: 'sendRemoteCommEvent',
      returns: ['boolean', 'always true'],
      params: [
        ['string', 'type', 'the event type text'],
        ['string', 'data', 'the event body'],
      ],
      guarded: false,
      help: 'Publishes a REMOTE_COMMUNICATION event to event listeners.',
      handler: (type, data) => {
        model.sendRemoteCommEvent(String(type), String(data));
        return true;
      },
    },
  ];

  const methods: RpcMethod[] = specs.map((spec) => {
    const params = spec.params ?? [];
    return {
      name: spec.name,
      signature: [spec.returns[0], ...params.map(([type]) => type)],
      help: helpText(spec),
      minArgs: params.length - (spec.optional ?? 0),
      maxArgs: params.length,
      handler: spec.handler,
    };
  });
  return { name: 'supervisor', methods };
}

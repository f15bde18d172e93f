/**
 * The `twiddler.*` methods: the five of supervisor_twiddler 1.0, plus the three of its first
 * releases (addGroup, addProcessToGroup) and removeGroup, which lets a script undo an addGroup.
 *
 * Every method first refuses to run while supervisord shuts down (SHUTDOWN_STATE; a restart does
 * not block it), then refuses a method left out of a non-empty whitelist (fault 230).
 */
import { STOPPED_STATES, type XmlRpcValue } from '@supervisor-ts/protocol';
import type {
  ExtensionHost,
  GroupView,
  RpcMethod,
  RpcNamespace,
} from '@supervisor-ts/supervisord/extension';
import { checkGroupName } from './group-name';
import { parseGroupPriority } from './group-priority';
import { faultFromHostError } from './host-errors';
import { DEFAULT_LOG_LEVEL, parseLogLevel } from './log-level';
import { toProgramOptions } from './program-options';
import { pythonStr } from './python-text';
import {
  badName,
  incorrectParameters,
  notInWhitelist,
  shutdownState,
  stillRunning,
  unknownGroup,
} from './twiddler-faults';
import type { TwiddlerSettings } from './twiddler-settings';

export const TWIDDLER_API_VERSION = '1.0';
export const TWIDDLER_NAMESPACE = 'twiddler';

function requireString(value: XmlRpcValue): string {
  if (typeof value !== 'string') throw incorrectParameters();
  return value;
}

function isStopped(process: GroupView['processes'][number]): boolean {
  return process.pid === 0 && STOPPED_STATES.includes(process.state);
}

export function createTwiddlerNamespace(host: ExtensionHost, settings: TwiddlerSettings): RpcNamespace {
  const { model } = host;

  function admit(method: string): void {
    if (model.state === 'SHUTDOWN') throw shutdownState();
    if (settings.whitelist !== null && !settings.whitelist.has(method)) throw notInWhitelist(method);
  }

  function runningGroup(name: XmlRpcValue): GroupView {
    const groupName = requireString(name);
    const group = model.getGroup(groupName);
    if (group === undefined) throw unknownGroup(groupName);
    return group;
  }

  function addProgram(groupName: XmlRpcValue, programName: XmlRpcValue, options: XmlRpcValue): true {
    const group = runningGroup(groupName);
    const program = requireString(programName);
    const programOptions = toProgramOptions(options);
    try {
      host.addProgramToGroup(group.name, program, programOptions);
    } catch (error) {
      throw faultFromHostError(error, `program:${program}`);
    }
    return true;
  }

  const methods: RpcMethod[] = [
    {
      name: 'getAPIVersion',
      // The original documents an int although it returns the string '1.0'; clients see both.
      signature: ['int'],
      help: 'Return the version of the twiddler API this server speaks, as a string ("1.0").',
      handler: () => {
        admit('getAPIVersion');
        return TWIDDLER_API_VERSION;
      },
    },
    {
      name: 'getGroupNames',
      signature: ['array'],
      help: 'Return the names of all process groups that are running now, in supervisord\'s group order.',
      handler: () => {
        admit('getGroupNames');
        return model.groups().map((group) => group.name);
      },
    },
    {
      name: 'log',
      // The level takes either type; methodSignature reports it as `string|int`, as the original does.
      signature: ['boolean', 'string', 'string|int'],
      help:
        'Write a message to the supervisord main log. The level is a level name (CRIT, ERRO, WARN, ' +
        'INFO, DEBG, TRAC or BLAT, in any case) or its number (50, 40, 30, 20, 10, 5, 3); it defaults ' +
        'to INFO. The configured loglevel still decides whether the line is written. Returns true.',
      minArgs: 1,
      maxArgs: 2,
      handler: (message: XmlRpcValue, level: XmlRpcValue = DEFAULT_LOG_LEVEL) => {
        admit('log');
        const levelName = parseLogLevel(level);
        const text = pythonStr(message);
        if (levelName === null || text === null) throw incorrectParameters();
        host.log(levelName, text);
        return true;
      },
    },
    {
      name: 'addProgramToGroup',
      signature: ['boolean', 'string', 'string', 'struct'],
      help:
        'Add a program to a running process group, as if a [program:x] section holding these options ' +
        'belonged to that group. The options are the keys of a [program:x] section (command is ' +
        'required; send values as strings); numprocs may create several processes. The new ' +
        'processes start at once unless autostart is false. Returns true.',
      handler: (groupName: XmlRpcValue, programName: XmlRpcValue, options: XmlRpcValue) => {
        admit('addProgramToGroup');
        return addProgram(groupName, programName, options);
      },
    },
    {
      name: 'removeProcessFromGroup',
      signature: ['boolean', 'string', 'string'],
      help:
        'Remove one stopped process from a running process group (for a program with numprocs > 1, ' +
        'remove each process by its own name). A process that is running, starting, backing off or ' +
        'stopping cannot be removed. Its log files stay on disk. Returns true.',
      handler: (groupName: XmlRpcValue, processName: XmlRpcValue) => {
        admit('removeProcessFromGroup');
        const group = runningGroup(groupName);
        const name = requireString(processName);
        const process = group.processes.find((candidate) => candidate.name === name);
        if (process === undefined) throw badName(name);
        if (!isStopped(process)) throw stillRunning(name);
        const outcome = host.removeProcessFromGroup(group.name, name);
        if (outcome === 'BAD_NAME') throw badName(name);
        if (outcome === 'STILL_RUNNING') throw stillRunning(name);
        return true;
      },
    },
    {
      name: 'addGroup',
      signature: ['boolean', 'string', 'int'],
      help:
        'Create an empty, running process group with this name and priority, to which programs ' +
        'can then be added. Returns true.',
      handler: (groupName: XmlRpcValue, priority: XmlRpcValue) => {
        admit('addGroup');
        const checked = checkGroupName(requireString(groupName));
        if ('error' in checked) throw incorrectParameters(checked.error);
        if (model.getGroup(checked.name) !== undefined) throw badName(checked.name);
        const parsed = parseGroupPriority(priority);
        if ('error' in parsed) throw incorrectParameters(parsed.error);
        try {
          host.addGroup(checked.name, parsed.priority);
        } catch (error) {
          throw faultFromHostError(error, `group:${checked.name}`);
        }
        return true;
      },
    },
    {
      name: 'addProcessToGroup',
      signature: ['boolean', 'string', 'string', 'struct'],
      help: 'The earlier name of addProgramToGroup; it takes the same arguments and does the same.',
      handler: (groupName: XmlRpcValue, processName: XmlRpcValue, options: XmlRpcValue) => {
        admit('addProcessToGroup');
        return addProgram(groupName, processName, options);
      },
    },
    {
      name: 'removeGroup',
      signature: ['boolean', 'string'],
      help:
        'Remove a running process group whose processes are all stopped (an empty group qualifies). ' +
        'Returns true.',
      handler: (groupName: XmlRpcValue) => {
        admit('removeGroup');
        const group = runningGroup(groupName);
        if (!group.processes.every(isStopped)) throw stillRunning(group.name);
        const outcome = host.removeGroup(group.name);
        if (outcome === 'BAD_NAME') throw unknownGroup(group.name);
        if (outcome === 'STILL_RUNNING') throw stillRunning(group.name);
        return true;
      },
    },
  ];

  return { name: TWIDDLER_NAMESPACE, methods };
}

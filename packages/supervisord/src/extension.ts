/**
 * The public API for RPC namespace plugins (`[rpcinterface:x]` sections), such as rpc-twiddler.
 * A plugin module exports a factory; the daemon calls it once at start with an ExtensionHost and
 * the section's extra keys, and registers the namespace it returns.
 *
 * This is a narrow facade over the running supervisor: widen it on purpose, never by exposing
 * internals.
 */
import type { RpcNamespace } from './rpc/namespace';
import type { SupervisorModel } from './supervision/model';

export type { RpcMethod, RpcNamespace, XmlRpcTypeName } from './rpc/namespace';
export type { GroupView, ProcessView, SupervisorModel } from './supervision/model';

export type ExtensionLogLevel = 'CRIT' | 'ERRO' | 'WARN' | 'INFO' | 'DEBG' | 'TRAC' | 'BLAT';

export interface ExtensionHost {
  /** `4.2.5`: the version of supervisord this daemon is compatible with. */
  readonly supervisorVersion: string;
  /** Read and command running groups and processes. */
  readonly model: SupervisorModel;
  /** Writes one line to the main supervisord log. */
  log(level: ExtensionLogLevel, message: string): void;
  /**
   * Whether every HTTP server this daemon serves on requires authentication, and whether any
   * of them is an inet (TCP) server. Plugins that run arbitrary commands use it to refuse an
   * unauthenticated inet server.
   */
  readonly servers: { inetWithoutAuth: boolean };
  /** Creates an empty, running group at runtime. Throws Error with code 'ALREADY_ADDED' if it exists. */
  addGroup(name: string, priority: number): void;
  /**
   * Removes a running group that has no processes left, or whose processes are all stopped, and
   * forgets what was added to it at runtime (reread/update keep runtime changes until then).
   */
  removeGroup(name: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING';
  /**
   * Adds a program to a running group from a `[program:x]`-style key/value dictionary, parsed and
   * validated exactly as the config file would be (a ConfigError on bad options). numprocs may
   * create several processes. Returns the process names added. Autostart is honoured.
   */
  addProgramToGroup(group: string, program: string, options: Record<string, string>): string[];
  /** Removes one stopped process from a running group. */
  removeProcessFromGroup(group: string, processName: string): 'OK' | 'BAD_NAME' | 'STILL_RUNNING';
}

/** What a plugin module exports (as `make_<x>_rpcinterface` or its default export). */
export type RpcInterfaceFactory = (host: ExtensionHost, extras: Record<string, string>) => RpcNamespace;

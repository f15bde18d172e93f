/**
 * `--print-config`: the resolved configuration as JSON in the layout of the configuration
 * conformance corpus (expected.schema.json): same keys and values as Supervisor 4.2.5's
 * parser yields, keys sorted, 2-space indent.
 */
import type { SupervisorctlFileConfig } from '@supervisor-ts/protocol';
import type { GroupConfig, ProcessConfig, ResolvedConfig } from './types';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The supervisorctl view: its settings, or the error supervisorctl would report. */
export type SupervisorctlView = SupervisorctlFileConfig | { error: string };

function processJson(p: ProcessConfig): Json {
  // `user` and `gid` are ours (needed to spawn); the upstream record has only `uid`.
  const { user: _user, gid: _gid, ...rest } = p;
  return rest as unknown as Json;
}

function groupJson(g: GroupConfig): Json {
  const base: { [key: string]: Json } = {
    name: g.name,
    priority: g.priority,
    type: g.type,
    process_names: g.process_names,
    processes: g.processes.map(processJson),
  };
  if (g.type === 'eventlistener') {
    base.buffer_size = g.buffer_size;
    base.events = g.events;
    base.result_handler = g.result_handler;
  } else if (g.type === 'fcgi') {
    base.socket = g.socket as unknown as Json;
  }
  return base;
}

/** The conformance-shaped object (not yet sorted). */
export function configToJson(config: ResolvedConfig, ctl?: SupervisorctlView): { [key: string]: Json } {
  const out: { [key: string]: Json } = {
    supervisord: config.supervisord as unknown as Json,
    http_servers: config.http_servers as unknown as Json,
    rpcinterfaces: config.rpcinterfaces as unknown as Json,
    groups: config.groups.map(groupJson),
    warnings: config.warnings,
    infos: config.infos,
  };
  if (ctl) out.supervisorctl = ctl as unknown as Json;
  return out;
}

/** A deep copy with every object's keys in sorted order. */
export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys(value[k]);
    return out;
  }
  return value;
}

/** The text `supervisord --print-config` writes (with a final newline). */
export function printConfig(config: ResolvedConfig, ctl?: SupervisorctlView): string {
  return JSON.stringify(sortKeys(configToJson(config, ctl)), null, 2) + '\n';
}

/** The difference between running groups and a freshly read config, as `reloadConfig` reports it. */
import type { GroupConfig } from '../config/types';
import type { ReloadResult } from './model';

function sameGroup(a: GroupConfig, b: GroupConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffGroups(running: readonly GroupConfig[], fresh: readonly GroupConfig[]): ReloadResult {
  const runningByName = new Map(running.map((group) => [group.name, group]));
  const freshNames = new Set(fresh.map((group) => group.name));
  const added: string[] = [];
  const changed: string[] = [];
  for (const group of fresh) {
    const current = runningByName.get(group.name);
    if (!current) added.push(group.name);
    else if (!sameGroup(current, group)) changed.push(group.name);
  }
  const removed = running.filter((group) => !freshNames.has(group.name)).map((group) => group.name);
  return { added, changed, removed };
}

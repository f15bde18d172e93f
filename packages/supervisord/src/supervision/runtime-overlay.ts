/**
 * What was changed at run time (twiddler) on top of the configuration file: groups created by
 * `addGroup`, processes added to or removed from a group. The reload diff and `update` see the file
 * config with this overlay applied, so runtime changes are neither "removed" nor "changed", and a
 * group recreated because its file section changed gets its runtime programs back. Nothing of it
 * outlives the supervisor instance (lost at restart and shutdown, as upstream).
 */
import type { GroupConfig, ProcessConfig } from '../config/types';

interface GroupEdits {
  /** A group that exists only because of `addGroup` (its empty config). */
  runtimeGroup: GroupConfig | null;
  /** Processes added at run time, in the order they were added. */
  added: ProcessConfig[];
  /** Names of file-configured processes removed at run time. */
  removed: Set<string>;
}

export class RuntimeOverlay {
  private readonly edits = new Map<string, GroupEdits>();

  private editsOf(group: string): GroupEdits {
    let edits = this.edits.get(group);
    if (!edits) {
      edits = { runtimeGroup: null, added: [], removed: new Set() };
      this.edits.set(group, edits);
    }
    return edits;
  }

  addGroup(config: GroupConfig): void {
    this.edits.set(config.name, { runtimeGroup: config, added: [], removed: new Set() });
  }

  addProcesses(group: string, configs: readonly ProcessConfig[]): void {
    const edits = this.editsOf(group);
    for (const config of configs) {
      edits.added.push(config);
      edits.removed.delete(config.name);
    }
  }

  removeProcess(group: string, processName: string): void {
    const edits = this.editsOf(group);
    const index = edits.added.findIndex((config) => config.name === processName);
    if (index >= 0) edits.added.splice(index, 1);
    else edits.removed.add(processName);
  }

  /** Forgets everything recorded for a group (it was removed with twiddler's removeGroup). */
  forgetGroup(group: string): void {
    this.edits.delete(group);
  }

  /** Drops the edits of file groups that are neither in the file nor running any more. */
  prune(fileGroups: readonly GroupConfig[], runningNames: readonly string[]): void {
    for (const [name, edits] of this.edits) {
      if (edits.runtimeGroup !== null) continue;
      if (!fileGroups.some((group) => group.name === name) && !runningNames.includes(name)) this.edits.delete(name);
    }
  }

  /**
   * The file's groups with the runtime edits applied, then the runtime-only groups. Processes keep
   * the order a running group has after the same edits: file processes first, then the added ones.
   */
  apply(fileGroups: readonly GroupConfig[]): GroupConfig[] {
    const result = fileGroups.map((group) => this.applyTo(group));
    for (const [name, edits] of this.edits) {
      if (edits.runtimeGroup === null || fileGroups.some((group) => group.name === name)) continue;
      result.push(this.applyTo(edits.runtimeGroup));
    }
    return result;
  }

  private applyTo(group: GroupConfig): GroupConfig {
    const edits = this.edits.get(group.name);
    if (!edits || (edits.added.length === 0 && edits.removed.size === 0)) return group;
    const kept = group.processes.filter((process) => !edits.removed.has(process.name));
    const added = edits.added.filter((process) => !kept.some((config) => config.name === process.name));
    const processes = [...kept, ...added];
    return { ...group, processes, process_names: processes.map((process) => process.name) };
  }
}

import type { CommandDefinition, CommandTable } from '../controller';
import { addCommand } from './add';
import { availCommand } from './avail';
import { clearCommand } from './clear';
import { fgCommand } from './fg';
import { helpCommand } from './help';
import { maintailCommand } from './maintail';
import { openCommand } from './open';
import { pidCommand } from './pid';
import { eofCommand, exitCommand, quitCommand } from './quit';
import { reloadCommand } from './reload';
import { removeCommand } from './remove';
import { rereadCommand } from './reread';
import { restartCommand } from './restart';
import { shutdownCommand } from './shutdown';
import { signalCommand } from './signal';
import { startCommand } from './start';
import { statusCommand } from './status';
import { stopCommand } from './stop';
import { tailCommand } from './tail';
import { updateCommand } from './update';
import { versionCommand } from './version';

const ALL: readonly CommandDefinition[] = [
  addCommand,
  availCommand,
  clearCommand,
  eofCommand,
  exitCommand,
  fgCommand,
  helpCommand,
  maintailCommand,
  openCommand,
  pidCommand,
  quitCommand,
  reloadCommand,
  removeCommand,
  rereadCommand,
  restartCommand,
  shutdownCommand,
  signalCommand,
  startCommand,
  statusCommand,
  stopCommand,
  tailCommand,
  updateCommand,
  versionCommand,
];

/** Every command by name; refuses duplicates. */
export function defaultCommandTable(): CommandTable {
  const table = new Map<string, CommandDefinition>();
  for (const command of ALL) {
    if (table.has(command.name)) throw new Error(`duplicate command ${command.name}`);
    table.set(command.name, command);
  }
  return table;
}

/** The words Tab completes at the start of a line (EOF is a command but not offered). */
export function completableCommandNames(table: CommandTable): string[] {
  return [...table.keys()].filter((name) => name !== 'EOF').sort();
}

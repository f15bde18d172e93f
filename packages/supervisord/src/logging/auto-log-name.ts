import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { pythonRepr } from '@supervisor-ts/protocol';

const NAME_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789_';
const RANDOM_LENGTH = 8;
const MAX_ATTEMPTS = 10000;

function randomPart(): string {
  let out = '';
  for (let i = 0; i < RANDOM_LENGTH; i += 1) out += NAME_CHARACTERS[randomInt(NAME_CHARACTERS.length)];
  return out;
}

/**
 * Creates a new, empty AUTO child log (mode 0600) named
 * `<processName>-<channel>---<identifier>-<8 random chars>.log` in `childlogdir` and returns
 * its absolute path. Throws when the directory cannot be written.
 */
export function resolveAutoLogPath(
  childlogdir: string,
  processName: string,
  channel: 'stdout' | 'stderr',
  identifier: string,
): string {
  const dir = path.resolve(childlogdir);
  const prefix = `${processName}-${channel}---${identifier}-`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const candidate = path.join(dir, `${prefix}${randomPart()}.log`);
    let fd: number;
    try {
      fd = fs.openSync(candidate, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    fs.closeSync(fd);
    return candidate;
  }
  throw new Error(`No usable temporary file name found in ${dir}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Matches AUTO child logs of any supervisord with this identifier, and their rotations. */
export function autoLogPattern(identifier: string): RegExp {
  return new RegExp(`^.+?---${escapeRegExp(identifier)}-\\S+\\.log\\.?\\d{0,4}`);
}

export interface AutoLogCleanup {
  removed: string[];
  /** Messages for the activity log at WARN, worded as upstream's. */
  warnings: string[];
}

/**
 * supervisord's start-up cleanup (skipped with nocleanup): deletes every file in
 * `childlogdir` whose name looks like an AUTO log of this identifier; other files stay.
 */
export function cleanupAutoLogs(childlogdir: string, identifier: string): AutoLogCleanup {
  const result: AutoLogCleanup = { removed: [], warnings: [] };
  let names: string[];
  try {
    names = fs.readdirSync(childlogdir);
  } catch {
    result.warnings.push('Could not clear childlog dir');
    return result;
  }
  const pattern = autoLogPattern(identifier);
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const pathname = path.join(childlogdir, name);
    try {
      fs.unlinkSync(pathname);
      result.removed.push(pathname);
    } catch {
      result.warnings.push(`Failed to clean up ${pythonRepr(pathname)}`);
    }
  }
  return result;
}

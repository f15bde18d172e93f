/**
 * A configuration file the loader refuses. The message names the file, the line, the section,
 * the key, the bad value and what was expected; the same facts are available as fields.
 */
export interface ConfigErrorLocation {
  file?: string | null;
  line?: number | null;
  section?: string | null;
  key?: string | null;
}

export class ConfigError extends Error {
  readonly file: string | null;
  readonly line: number | null;
  readonly section: string | null;
  readonly key: string | null;
  /** The problem itself, without the location prefix. */
  readonly detail: string;

  constructor(detail: string, location: ConfigErrorLocation = {}) {
    super(formatMessage(detail, location));
    this.name = 'ConfigError';
    this.file = location.file ?? null;
    this.line = location.line ?? null;
    this.section = location.section ?? null;
    this.key = location.key ?? null;
    this.detail = detail;
  }
}

function formatMessage(detail: string, loc: ConfigErrorLocation): string {
  const where: string[] = [];
  if (loc.file) where.push(loc.line ? `${loc.file} line ${loc.line}` : loc.file);
  if (loc.section) where.push(loc.key ? `[${loc.section}] ${loc.key}` : `[${loc.section}]`);
  else if (loc.key) where.push(loc.key);
  return where.length > 0 ? `${where.join(', ')}: ${detail}` : detail;
}

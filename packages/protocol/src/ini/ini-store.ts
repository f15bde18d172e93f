/**
 * A reader for the INI dialect supervisord uses: Python's RawConfigParser with
 * inline_comment_prefixes=(';', '#') and strict=False.
 *
 * - a key/value delimiter is the first `=` or `:`; keys are lower-cased, section names kept verbatim;
 * - `;`/`#` at the start of a (stripped) line make it a comment; elsewhere only when preceded by
 *   whitespace (with Python's exact search order, quotes give no protection);
 * - lines indented deeper than the key line continue the value (joined with `\n`);
 * - repeated sections merge, a repeated key overrides the earlier one;
 * - `[DEFAULT]` keys are visible in every section;
 * - CR, LF and CRLF all end a line.
 *
 * Every value remembers the file and line of the key that set it.
 * Pure: the caller reads the files and hands their text in.
 */

import { pythonRepr } from '../python-repr';

export interface IniValue {
  value: string;
  /** Source name given to `read()` (normally a file path). */
  file: string;
  /** 1-based line of the key. */
  line: number;
}

export interface IniBadLine {
  line: number;
  /** The offending line, with its line ending normalised to `\n`. */
  text: string;
}

/** A file that is not valid INI; `message` has Python's wording ("Source contains parsing errors: ..."). */
export class IniParseError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly badLines: IniBadLine[],
    readonly kind: 'parsing' | 'missing-section-header',
  ) {
    super(message);
    this.name = 'IniParseError';
  }
}

export const DEFAULT_SECTION = 'DEFAULT';


const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/** Splits text into lines the way Python's universal-newline reading does; each keeps a `\n` end. */
export function splitPythonLines(text: string): string[] {
  const lines: string[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    lines.push(text.slice(start, m.index) + '\n');
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Where an inline comment starts in `line`, or -1 (Python's search, quirks included). */
function inlineCommentStart(line: string): number {
  let commentStart = Infinity;
  let prefixes = new Map<string, number>([
    [';', -1],
    ['#', -1],
  ]);
  while (commentStart === Infinity && prefixes.size > 0) {
    const next = new Map<string, number>();
    for (const [prefix, from] of prefixes) {
      const index = line.indexOf(prefix, from + 1);
      if (index === -1) continue;
      next.set(prefix, index);
      if (index === 0 || (index > 0 && isSpace(line[index - 1]))) {
        commentStart = Math.min(commentStart, index);
      }
    }
    prefixes = next;
  }
  return commentStart === Infinity ? -1 : commentStart;
}

interface PendingValue {
  parts: string[];
  file: string;
  line: number;
}

type Section = Map<string, IniValue | PendingValue>;

const SECTION_RE = /^\[(.+)\]/;
const OPTION_RE = /^(.*?)\s*([=:])\s*(.*)$/s;

/** The merged contents of one or more INI files (RawConfigParser semantics). */
export class IniStore {
  private readonly sectionMap = new Map<string, Map<string, IniValue>>();
  private readonly defaults = new Map<string, IniValue>();
  /** Section name -> the source that first defined it. */
  private readonly firstSource = new Map<string, string>();
  /** Section name -> line of its first header. */
  private readonly firstLine = new Map<string, number>();

  /** Parses `text` and merges it in. Throws IniParseError (after merging what it could). */
  read(text: string, source: string): void {
    const lines = splitPythonLines(text);
    let cursect: Section | null = null;
    let optname: string | null = null;
    let indentLevel = 0;
    const touched: Section[] = [];
    const bad: IniBadLine[] = [];

    const sectionFor = (name: string, lineno: number): Section => {
      if (name === DEFAULT_SECTION) return this.defaults as Section;
      let sect = this.sectionMap.get(name);
      if (!sect) {
        sect = new Map();
        this.sectionMap.set(name, sect);
        this.firstSource.set(name, source);
        this.firstLine.set(name, lineno);
      }
      return sect as Section;
    };

    try {
      lines.forEach((line, i) => {
        const lineno = i + 1;
        let commentStart = inlineCommentStart(line);
        const stripped = line.trim();
        if (stripped.startsWith(';') || stripped.startsWith('#')) commentStart = 0;
        const value = (commentStart === -1 ? line : line.slice(0, commentStart)).trim();
        if (!value) {
          if (commentStart === -1 && cursect !== null && optname !== null) {
            const cur = cursect.get(optname);
            if (cur && 'parts' in cur) cur.parts.push('');
          }
          return;
        }
        const firstNonSpace = line.search(/\S/);
        const curIndent = firstNonSpace === -1 ? 0 : firstNonSpace;
        const pending = cursect !== null && optname !== null ? cursect.get(optname) : undefined;
        if (cursect !== null && optname !== null && curIndent > indentLevel && pending && 'parts' in pending) {
          pending.parts.push(value);
          return;
        }
        indentLevel = curIndent;
        const sm = SECTION_RE.exec(value);
        if (sm) {
          cursect = sectionFor(sm[1], lineno);
          touched.push(cursect);
          optname = null;
          return;
        }
        if (cursect === null) {
          throw new IniParseError(
            `File contains no section headers.\nfile: ${pythonRepr(source)}, line: ${lineno}\n${pythonRepr(line)}`,
            source,
            [{ line: lineno, text: line }],
            'missing-section-header',
          );
        }
        const om = OPTION_RE.exec(value);
        if (om) {
          if (!om[1]) bad.push({ line: lineno, text: line });
          optname = om[1].trimEnd().toLowerCase();
          cursect.set(optname, { parts: [om[3].trim()], file: source, line: lineno });
        } else {
          bad.push({ line: lineno, text: line });
        }
      });
    } finally {
      for (const sect of [this.defaults as Section, ...touched]) joinPending(sect);
    }
    if (bad.length > 0) {
      const details = bad.map((b) => `\n\t[line ${String(b.line).padStart(2, ' ')}]: ${pythonRepr(b.text)}`).join('');
      throw new IniParseError(`Source contains parsing errors: ${pythonRepr(source)}${details}`, source, bad, 'parsing');
    }
  }

  /** Section names in first-seen order, without DEFAULT. */
  sections(): string[] {
    return [...this.sectionMap.keys()];
  }

  hasSection(section: string): boolean {
    return this.sectionMap.has(section);
  }

  /** The source (file) where a section first appeared. */
  sectionSource(section: string): string | undefined {
    return this.firstSource.get(section);
  }

  /** The header line where a section first appeared (undefined for sections made by addSection). */
  sectionLine(section: string): number | undefined {
    return this.firstLine.get(section);
  }

  /** Keys of a section, DEFAULT keys included (section keys first). */
  options(section: string): string[] {
    const own = this.sectionMap.get(section);
    if (!own) return [];
    const keys = [...own.keys()];
    for (const k of this.defaults.keys()) if (!own.has(k)) keys.push(k);
    return keys;
  }

  has(section: string, key: string): boolean {
    return this.getEntry(section, key) !== undefined;
  }

  /** The raw value (section first, then DEFAULT), or undefined. */
  getEntry(section: string, key: string): IniValue | undefined {
    const k = key.toLowerCase();
    const own = this.sectionMap.get(section);
    if (!own) return undefined;
    return own.get(k) ?? this.defaults.get(k);
  }

  get(section: string, key: string): string | undefined {
    return this.getEntry(section, key)?.value;
  }

  /** Creates an empty section if it does not exist yet (RawConfigParser.add_section, minus the error). */
  addSection(section: string, source: string): void {
    if (section === DEFAULT_SECTION || this.sectionMap.has(section)) return;
    this.sectionMap.set(section, new Map());
    this.firstSource.set(section, source);
  }

  set(section: string, key: string, entry: IniValue): void {
    const own = this.sectionMap.get(section);
    if (!own) throw new Error(`no section ${section}`);
    own.set(key.toLowerCase(), entry);
  }

  /** Replaces the literal text `%(here)s` in every value of every section (supervisord's include step). */
  expandHere(here: string): void {
    for (const section of this.sections()) {
      for (const key of this.options(section)) {
        const entry = this.getEntry(section, key) as IniValue;
        if (entry.value.includes('%(here)s')) {
          this.set(section, key, { ...entry, value: entry.value.split('%(here)s').join(here) });
        }
      }
    }
  }
}

function joinPending(sect: Section): void {
  for (const [k, v] of sect) {
    if ('parts' in v) sect.set(k, { value: v.parts.join('\n').trimEnd(), file: v.file, line: v.line });
  }
}

/** The INI reader against results of Python's RawConfigParser(inline_comment_prefixes=(';','#'), strict=False). */
import vectors from './python-configparser-vectors.json';
import { IniParseError, IniStore, splitPythonLines } from '../../src/ini/ini-store';

interface Case {
  text: string;
  sections?: Record<string, Record<string, string>>;
  order?: string[];
  error?: string;
}

const cases = Object.entries(vectors.cases as Record<string, Case>);

describe.each(cases)('%s', (_name, c) => {
  test('agrees with Python', () => {
    const store = new IniStore();
    if (c.error !== undefined) {
      expect(() => store.read(c.text, 't.conf')).toThrow(IniParseError);
      try {
        store.read(c.text, 't.conf');
      } catch (e) {
        expect((e as IniParseError).message).toBe(c.error);
      }
      return;
    }
    store.read(c.text, 't.conf');
    expect(store.sections()).toEqual(c.order);
    const got: Record<string, Record<string, string>> = {};
    for (const s of store.sections()) {
      got[s] = {};
      for (const k of store.options(s)) got[s][k] = store.get(s, k) as string;
    }
    expect(got).toEqual(c.sections);
  });
});

describe('IniStore bookkeeping', () => {
  test('every value remembers its file and line; later files override and keep their own location', () => {
    const store = new IniStore();
    store.read('[program:a]\ncommand=/bin/a\n  --flag\npriority=5\n', 'main.conf');
    store.read('; comment\n[program:a]\npriority=7\n[program:b]\ncommand=x\n', 'inc.conf');
    expect(store.getEntry('program:a', 'command')).toEqual({ value: '/bin/a\n--flag', file: 'main.conf', line: 2 });
    expect(store.getEntry('program:a', 'PRIORITY')).toEqual({ value: '7', file: 'inc.conf', line: 3 });
    expect(store.sectionSource('program:a')).toBe('main.conf');
    expect(store.sectionSource('program:b')).toBe('inc.conf');
    expect(store.sectionLine('program:a')).toBe(1);
    expect(store.sectionLine('program:b')).toBe(4);
    expect(store.sections()).toEqual(['program:a', 'program:b']);
  });

  test('a parse error reports every bad line with its number, and keeps the good lines', () => {
    const store = new IniStore();
    let err: IniParseError | undefined;
    try {
      store.read('[a]\nok=1\nbad one\n\nbad two\n', 'x.conf');
    } catch (e) {
      err = e as IniParseError;
    }
    expect(err?.badLines).toEqual([
      { line: 3, text: 'bad one\n' },
      { line: 5, text: 'bad two\n' },
    ]);
    expect(store.get('a', 'ok')).toBe('1');
  });

  test('expandHere replaces %(here)s textually in every section, DEFAULT values included', () => {
    const store = new IniStore();
    store.read('[DEFAULT]\nd=%(here)s/d\n[a]\nk=%(here)s/x %(here)s\nj=%(there)s\n', 'f');
    store.expandHere('/etc/sv');
    expect(store.get('a', 'k')).toBe('/etc/sv/x /etc/sv');
    expect(store.get('a', 'd')).toBe('/etc/sv/d');
    expect(store.get('a', 'j')).toBe('%(there)s');
  });

  test('CR, LF and CRLF all end lines', () => {
    expect(splitPythonLines('a\r\nb\rc\nd')).toEqual(['a\n', 'b\n', 'c\n', 'd']);
  });
});

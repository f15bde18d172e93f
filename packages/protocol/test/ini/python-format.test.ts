/** Python's `template % dict` against results of the real interpreter. */
import vectors from './python-format-vectors.json';
import { pythonFormat, PythonFormatError } from '../../src/ini/python-format';

interface Case {
  template: string;
  mapping: Record<string, string | number>;
  result?: string;
  missing?: string;
  error?: string;
}

const cases = (vectors.cases as Case[]).map((c) => [c.template, c] as const);

test.each(cases)('%s', (_t, c) => {
  if (c.result !== undefined) {
    expect(pythonFormat(c.template, c.mapping)).toBe(c.result);
    return;
  }
  let err: PythonFormatError | undefined;
  try {
    pythonFormat(c.template, c.mapping);
  } catch (e) {
    err = e as PythonFormatError;
  }
  expect(err).toBeInstanceOf(PythonFormatError);
  if (c.missing !== undefined) {
    expect(err?.kind).toBe('missing-name');
    expect(err?.detail).toBe(c.missing);
  } else {
    expect(err?.kind).toBe('bad-format');
    expect(err?.detail).toBe(c.error);
  }
});

test('a Map works as the mapping and integers format as numbers', () => {
  expect(pythonFormat('%(process_num)02d-%(name)s', new Map<string, string | number>([['process_num', 3], ['name', 'w']]))).toBe('03-w');
});

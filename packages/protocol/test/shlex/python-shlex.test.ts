/**
 * The shlex port against the real Python: `environment=` parsing (supervisor 4.2.5's
 * dict_of_key_value_pairs, built here from the non-POSIX tokenizer) and shlex.split.
 */
import envVectors from './environment-vectors.json';
import splitVectors from './split-vectors.json';
import { pythonShlexSplit, shlexTokens, ShlexError } from '../../src/shlex/python-shlex';

interface EnvCase {
  input: string;
  result?: Record<string, string>;
  error?: string;
}
interface SplitCase {
  input: string;
  result?: string[];
  error?: string;
}

/** Supervisor's pairing rule over the tokens: KEY = VALUE <separator>, quotes stripped from VALUE. */
function keyValuePairs(input: string): Record<string, string> {
  const tokens = shlexTokens(input, { posix: false, extraWordchars: '/.+-():' });
  const out: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i += 4) {
    const g = tokens.slice(i, i + 3);
    if (g.length !== 3 || g[1] !== '=') throw new Error(`Unexpected end of key/value pairs in value '${input}'`);
    out[g[0]] = g[2].replace(/^['"]+|['"]+$/g, '');
  }
  return out;
}

describe('environment= tokenizer', () => {
  test.each((envVectors.cases as EnvCase[]).map((c) => [JSON.stringify(c.input), c] as const))('%s', (_n, c) => {
    if (c.result !== undefined) {
      expect(keyValuePairs(c.input)).toEqual(c.result);
    } else {
      expect(() => keyValuePairs(c.input)).toThrow(c.error as string);
    }
  });
});

describe('shlex.split', () => {
  test.each((splitVectors.cases as SplitCase[]).map((c) => [JSON.stringify(c.input), c] as const))('%s', (_n, c) => {
    if (c.result !== undefined) {
      expect(pythonShlexSplit(c.input)).toEqual(c.result);
    } else {
      expect(() => pythonShlexSplit(c.input)).toThrow(new ShlexError(c.error as string));
    }
  });
});

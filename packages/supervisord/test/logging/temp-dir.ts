import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh directory per test, removed afterwards. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Sizes of `base`, `base.1`, … as a map, for the files that exist. */
export function layout(base: string, upTo = 10): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i <= upTo; i += 1) {
    const name = i === 0 ? base : `${base}.${i}`;
    if (fs.existsSync(name)) out[path.basename(name)] = fs.statSync(name).size;
  }
  return out;
}

/** Python's glob.glob for absolute patterns: `*`, `?` and `[...]` per path component, hidden files need a leading `.`. */

export interface GlobFs {
  /** Entry names of a directory, or undefined if it cannot be listed. */
  listDir(dir: string): string[] | undefined;
  exists(file: string): boolean;
}

const MAGIC = /[*?[]/;

/** Python's fnmatch.translate, anchored. */
export function fnmatchToRegExp(pattern: string): RegExp {
  let re = '';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i++];
    if (c === '*') {
      re += '.*';
    } else if (c === '?') {
      re += '.';
    } else if (c === '[') {
      let j = i;
      if (j < n && pattern[j] === '!') j++;
      if (j < n && pattern[j] === ']') j++;
      while (j < n && pattern[j] !== ']') j++;
      if (j >= n) {
        re += '\\[';
      } else {
        let stuff = pattern.slice(i, j).replace(/\\/g, '\\\\');
        i = j + 1;
        if (stuff.startsWith('!')) stuff = '^' + stuff.slice(1);
        else if (stuff.startsWith('^')) stuff = '\\' + stuff;
        re += `[${stuff}]`;
      }
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`, 's');
}

function split(p: string): [string, string] {
  const i = p.lastIndexOf('/') + 1;
  let head = p.slice(0, i);
  const tail = p.slice(i);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return [head, tail];
}

function join(dir: string, name: string): string {
  if (dir === '' || dir.endsWith('/')) return dir + name;
  return `${dir}/${name}`;
}

/** Python's glob.glob (non-recursive) for an absolute pattern; paths keep the pattern's spelling. */
export function globPaths(pattern: string, fs: GlobFs): string[] {
  if (!pattern.startsWith('/')) throw new Error(`glob pattern must be absolute: ${pattern}`);
  const [dirname, basename] = split(pattern);
  if (!MAGIC.test(pattern)) {
    if (basename) return fs.exists(pattern) ? [pattern] : [];
    return fs.listDir(dirname) !== undefined ? [pattern] : [];
  }
  const dirs = dirname !== pattern && MAGIC.test(dirname) ? globPaths(dirname, fs) : [dirname];
  const out: string[] = [];
  for (const dir of dirs) {
    if (MAGIC.test(basename)) {
      const names = fs.listDir(dir) ?? [];
      const re = fnmatchToRegExp(basename);
      for (const name of names) {
        if (name.startsWith('.') && !basename.startsWith('.')) continue;
        if (re.test(name)) out.push(join(dir, name));
      }
    } else if (basename ? fs.exists(join(dir, basename)) : fs.listDir(dir) !== undefined) {
      out.push(join(dir, basename));
    }
  }
  return out;
}

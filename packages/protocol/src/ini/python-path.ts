/** POSIX path helpers with the exact results of Python's posixpath (normpath keeps a leading `//`). */

export function pyNormpath(path: string): string {
  if (path === '') return '.';
  const initialSlashes = path.startsWith('/') ? (path.startsWith('//') && !path.startsWith('///') ? 2 : 1) : 0;
  const out: string[] = [];
  for (const comp of path.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (initialSlashes === 0 && out.length === 0) || (out.length > 0 && out[out.length - 1] === '..')) {
      out.push(comp);
    } else if (out.length > 0) {
      out.pop();
    }
  }
  const joined = out.join('/');
  const result = '/'.repeat(initialSlashes) + joined;
  return result || '.';
}

export function pyIsAbs(path: string): boolean {
  return path.startsWith('/');
}

export function pyJoin(base: string, ...parts: string[]): string {
  let path = base;
  for (const p of parts) {
    if (p.startsWith('/')) path = p;
    else if (path === '' || path.endsWith('/')) path += p;
    else path += '/' + p;
  }
  return path;
}

export function pyAbspath(path: string, cwd: string): string {
  return pyNormpath(pyIsAbs(path) ? path : pyJoin(cwd, path));
}

export function pyDirname(path: string): string {
  const i = path.lastIndexOf('/') + 1;
  let head = path.slice(0, i);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return head;
}

export interface HomeLookup {
  /** `HOME` from the environment, if set. */
  home: string | undefined;
  /** Home directory of the current user from the user database. */
  currentUserHome(): string | undefined;
  /** Home directory of a named user, or undefined if unknown. */
  userHome(name: string): string | undefined;
}

/** Python's os.path.expanduser. */
export function pyExpanduser(path: string, lookup: HomeLookup): string {
  if (!path.startsWith('~')) return path;
  let i = path.indexOf('/', 1);
  if (i < 0) i = path.length;
  let userhome: string | undefined;
  if (i === 1) {
    userhome = lookup.home !== undefined ? lookup.home : lookup.currentUserHome();
    if (userhome === undefined) return path;
  } else {
    userhome = lookup.userHome(path.slice(1, i));
    if (userhome === undefined) return path;
  }
  const stripped = userhome.replace(/\/+$/, '');
  return stripped + path.slice(i) || '/';
}

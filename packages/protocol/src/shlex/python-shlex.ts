/**
 * A port of the tokenizer of Python's `shlex.shlex` class (Python 3.11), in both of its modes.
 * supervisord uses it twice:
 * - `command=` is split with `shlex.split()` (POSIX mode, whitespace_split, no comments);
 * - `environment=` is tokenized with `shlex.shlex(value)` (non-POSIX mode) with
 *   `/.+-():` added to the word characters.
 * Errors are thrown as ShlexError with Python's messages (`No closing quotation`,
 * `No escaped character`).
 */

export class ShlexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShlexError';
  }
}

const ASCII_WORDCHARS = 'abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
const LATIN1_WORDCHARS = 'ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ';

export interface ShlexOptions {
  posix: boolean;
  /** Characters added to the default word characters. */
  extraWordchars?: string;
  whitespaceSplit?: boolean;
  /** Comment characters; `#` by default. */
  commenters?: string;
}

/** Returns every token of `input`, as iterating a Python `shlex.shlex` object does. */
export function shlexTokens(input: string, options: ShlexOptions): string[] {
  const posix = options.posix;
  const wordchars = new Set(ASCII_WORDCHARS + (posix ? LATIN1_WORDCHARS : '') + (options.extraWordchars ?? ''));
  const whitespace = new Set([' ', '\t', '\r', '\n']);
  const quotes = new Set(["'", '"']);
  const escape = new Set(['\\']);
  const escapedquotes = new Set(['"']);
  const commenters = new Set(options.commenters ?? '#');
  const whitespaceSplit = options.whitespaceSplit ?? false;
  const chars = [...input];
  let pos = 0;
  const pushback: string[] = [];
  const nextChar = (): string => (pos < chars.length ? chars[pos++] : '');
  const readline = (): void => {
    while (pos < chars.length) {
      if (chars[pos++] === '\n') break;
    }
  };

  let state: string | null = ' ';

  const readToken = (): string | null => {
    let quoted = false;
    let escapedstate = ' ';
    let token = '';
    for (;;) {
      const ch = pushback.length > 0 ? (pushback.shift() as string) : nextChar();
      if (state === null) {
        token = '';
        break;
      } else if (state === ' ') {
        if (!ch) {
          state = null;
          break;
        } else if (whitespace.has(ch)) {
          if (token || (posix && quoted)) break;
          continue;
        } else if (commenters.has(ch)) {
          readline();
        } else if (posix && escape.has(ch)) {
          escapedstate = 'a';
          state = ch;
        } else if (wordchars.has(ch)) {
          token = ch;
          state = 'a';
        } else if (quotes.has(ch)) {
          if (!posix) token = ch;
          state = ch;
        } else if (whitespaceSplit) {
          token = ch;
          state = 'a';
        } else {
          token = ch;
          if (token || (posix && quoted)) break;
          continue;
        }
      } else if (quotes.has(state)) {
        quoted = true;
        if (!ch) throw new ShlexError('No closing quotation');
        if (ch === state) {
          if (!posix) {
            token += ch;
            state = ' ';
            break;
          }
          state = 'a';
        } else if (posix && escape.has(ch) && escapedquotes.has(state)) {
          escapedstate = state;
          state = ch;
        } else {
          token += ch;
        }
      } else if (escape.has(state)) {
        if (!ch) throw new ShlexError('No escaped character');
        if (quotes.has(escapedstate) && ch !== state && ch !== escapedstate) token += state;
        token += ch;
        state = escapedstate;
      } else if (state === 'a') {
        if (!ch) {
          state = null;
          break;
        } else if (whitespace.has(ch)) {
          state = ' ';
          if (token || (posix && quoted)) break;
          continue;
        } else if (commenters.has(ch)) {
          readline();
          if (posix) {
            state = ' ';
            if (token || (posix && quoted)) break;
            continue;
          }
        } else if (posix && quotes.has(ch)) {
          state = ch;
        } else if (posix && escape.has(ch)) {
          escapedstate = 'a';
          state = ch;
        } else if (wordchars.has(ch) || quotes.has(ch) || whitespaceSplit) {
          token += ch;
        } else {
          pushback.unshift(ch);
          state = ' ';
          if (token || (posix && quoted)) break;
          continue;
        }
      }
    }
    if (posix && !quoted && token === '') return null;
    return token;
  };

  const tokens: string[] = [];
  for (;;) {
    const tok = readToken();
    // Iteration stops at the eof token: None in POSIX mode, '' otherwise.
    if (tok === null || (!posix && tok === '')) break;
    tokens.push(tok);
  }
  return tokens;
}

/** Python's `shlex.split(s)`: POSIX rules, no comments. */
export function pythonShlexSplit(s: string): string[] {
  return shlexTokens(s, { posix: true, whitespaceSplit: true, commenters: '' });
}

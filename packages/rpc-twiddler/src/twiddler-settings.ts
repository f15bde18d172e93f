/**
 * The keys of a `[rpcinterface:twiddler]` section that twiddler reads. Every other key is ignored,
 * as the original extension does (`supervisor.rpcinterface_factory` itself never reaches here).
 */

export const WHITELIST_KEY = 'whitelist';
/** Our addition: lets twiddler load on an inet HTTP server that asks for no password. */
export const ALLOW_UNAUTHENTICATED_INET_KEY = 'allow_unauthenticated_inet';

export interface TwiddlerSettings {
  /** Method names (without the `twiddler.` prefix) that may be called; null = all of them. */
  whitelist: ReadonlySet<string> | null;
  allowUnauthenticatedInet: boolean;
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];

function parseBoolean(key: string, value: string): boolean {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  throw new Error(`twiddler: ${key} is not a valid boolean value: '${value}' (use true or false)`);
}

/** Comma-separated names; spaces around each name are dropped, and so are empty entries. */
function parseWhitelist(value: string | undefined): ReadonlySet<string> | null {
  if (value === undefined) return null;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return names.length === 0 ? null : new Set(names);
}

function ownValue(extras: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(extras, key) ? extras[key] : undefined;
}

export function readTwiddlerSettings(extras: Record<string, string>): TwiddlerSettings {
  const allow = ownValue(extras, ALLOW_UNAUTHENTICATED_INET_KEY);
  return {
    whitelist: parseWhitelist(ownValue(extras, WHITELIST_KEY)),
    allowUnauthenticatedInet:
      allow === undefined ? false : parseBoolean(ALLOW_UNAUTHENTICATED_INET_KEY, allow),
  };
}

/** HTTP Basic authentication as supervisord checks it, with plain or `{SHA}`-hashed passwords. */
import crypto from 'node:crypto';

export interface Credentials {
  username: string;
  /** Plain text, or `{SHA}` + lowercase hex SHA-1 of the password. */
  password: string;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** True when the password sent matches the configured one. */
export function passwordMatches(configured: string, sent: string): boolean {
  if (configured.startsWith('{SHA}')) {
    const digest = crypto.createHash('sha1').update(sent, 'utf8').digest('hex');
    return sameText(configured.slice(5).toLowerCase(), digest);
  }
  return sameText(configured, sent);
}

/** Checks an `Authorization` header value against the configured credentials. */
export function isAuthorized(header: string | undefined, expected: Credentials): boolean {
  if (header === undefined) return false;
  const match = /^\s*(\S+)\s+(\S*)\s*$/.exec(header);
  if (!match || match[1].toLowerCase() !== 'basic') return false;
  const cookie = Buffer.from(match[2], 'base64').toString('utf8');
  const colon = cookie.indexOf(':');
  if (colon === -1) return false;
  const username = cookie.slice(0, colon);
  const password = cookie.slice(colon + 1);
  return sameText(username, expected.username) && passwordMatches(expected.password, password);
}

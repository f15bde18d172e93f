/**
 * The per-daemon token that every state-changing request of the web UI must carry, so that a
 * page on another site cannot make a browser submit actions to this supervisord.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface CsrfToken {
  readonly value: string;
  /** True only when `candidate` is exactly this token. */
  matches(candidate: string | null | undefined): boolean;
}

export function createCsrfToken(value: string = randomBytes(32).toString('base64url')): CsrfToken {
  const expected = Buffer.from(value, 'utf8');
  return {
    value,
    matches(candidate) {
      if (typeof candidate !== 'string') return false;
      const given = Buffer.from(candidate, 'utf8');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

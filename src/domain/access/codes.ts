import { CODE_ALPHABET } from '../shared/secrets.js';

export const CODE_LENGTH = 10;
/** Wrong codes within the window: per chat, per Telegram account (across its chats), and in all (docs/access-codes.md). */
export const MAX_WRONG_CODES = 5;
export const MAX_WRONG_CODES_PER_ACCOUNT = 10;
export const MAX_WRONG_CODES_GLOBAL = 1000;
export const WRONG_CODE_WINDOW_MS = 60 * 60 * 1000;

/** What people type from paper: spaces, dashes and lower case are forgiven. */
export function normaliseCode(typed: string): string {
  return typed
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}

/**
 * Only a normalised string of the code's length and alphabet is looked up and, when wrong,
 * counted as a guess; anything else (a greeting, a question) is answered as no code at all.
 */
export function looksLikeCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((ch) => CODE_ALPHABET.includes(ch));
}

/** Seconds until a limit of `max` attempts lets the next one through: when enough fall out of the window. */
export function retryAfterSeconds(attempts: Date[], now: Date, max = MAX_WRONG_CODES): number {
  const blocking = attempts[attempts.length - max];
  if (!blocking) return 0;
  return Math.max(1, Math.ceil((blocking.getTime() + WRONG_CODE_WINDOW_MS - now.getTime()) / 1000));
}

export function fullName(u: { lastName: string; firstName: string; middleName: string | null }): string {
  return [u.lastName, u.firstName, u.middleName].filter(Boolean).join(' ');
}

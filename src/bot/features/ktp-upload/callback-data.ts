import { ID } from '../callback-id.js';

/**
 * Callback data of the КТП upload: `ktp1:<course>` asks for the file, `ktpa1`/`ktpx1` apply or
 * cancel one dry run, named by its token (the domain keeps the latest one per chat, so a button
 * of an earlier dry run is refused). Untrusted: the course is authorized again on every press.
 */
const TOKEN = '([A-Za-z0-9_-]{8})';
const re = (s: string) => new RegExp(`^${s}$`);

export const PATTERNS = {
  ask: re(`ktp1:${ID}`),
  apply: re(`ktpa1:${ID}:${TOKEN}`),
  cancel: re(`ktpx1:${ID}:${TOKEN}`),
} as const;

/** Anything with our prefixes that matched no pattern above: tampered, or from an older version. */
export const OURS = /^ktp[ax]?\d+(:|$)/;

export const cb = {
  ask: (courseId: number) => `ktp1:${courseId}`,
  apply: (courseId: number, token: string) => `ktpa1:${courseId}:${token}`,
  cancel: (courseId: number, token: string) => `ktpx1:${courseId}:${token}`,
};

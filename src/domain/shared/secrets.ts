import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L, 5/S, 8/B, 2/Z: a code read aloud or typed from paper survives. */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

export function randomCode(length: number, alphabet = CODE_ALPHABET): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Keys and codes are high-entropy random strings, so a plain SHA-256 is enough to store them. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

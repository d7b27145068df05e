import { ID, ID_DIGITS } from '../callback-id.js';

/**
 * Callback data of the class teacher's «Документы» (`cd:`): ASCII, ≤ 64 bytes, untrusted. The
 * group and person ids are checked again by the domain with the presser as the principal; a
 * capital letter marks a step the teacher has confirmed (codes that revoke earlier ones).
 */
export type DocKind = 'a' | 'r';
export type RangeCode = 'm' | 'l' | 'y' | `p${number}`;

export const PATTERNS = {
  menu: new RegExp(`^cd:${ID}$`),
  back: new RegExp(`^cd:${ID}:b$`),
  all: new RegExp(`^cd:${ID}:(a|A)$`),
  people: new RegExp(`^cd:${ID}:l$`),
  students: new RegExp(`^cd:${ID}:s$`),
  one: new RegExp(`^cd:${ID}:(u|U):${ID}$`),
  ranges: new RegExp(`^cd:${ID}:d:([ar])$`),
  file: new RegExp(`^cd:${ID}:f:([ar]):(m|l|y|p${ID_DIGITS})$`),
} as const;

/** Anything that starts like ours; what matches no pattern above is tampered or from an old version. */
export const OURS = /^cd:/;

export const cb = {
  menu: (groupId: number) => `cd:${groupId}`,
  back: (groupId: number) => `cd:${groupId}:b`,
  all: (groupId: number, confirmed = false) => `cd:${groupId}:${confirmed ? 'A' : 'a'}`,
  people: (groupId: number) => `cd:${groupId}:l`,
  students: (groupId: number) => `cd:${groupId}:s`,
  one: (groupId: number, userId: number, confirmed = false) => `cd:${groupId}:${confirmed ? 'U' : 'u'}:${userId}`,
  ranges: (groupId: number, kind: DocKind) => `cd:${groupId}:d:${kind}`,
  file: (groupId: number, kind: DocKind, range: RangeCode) => `cd:${groupId}:f:${kind}:${range}`,
};

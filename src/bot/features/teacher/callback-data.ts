import type { AttendanceStatus, GradeKind } from '../../../domain/lessons/types.js';
import { allAsPlannedAddress, finalGradesAddress } from '../../../domain/shared/screen-addresses.js';
import { ID } from '../callback-id.js';

/**
 * Callback data of the teacher flows: short, versioned (`a1` is version 1 of "attendance"),
 * ASCII only, at most 64 bytes. It is untrusted input: every parser is strict and returns
 * null for anything it does not fully understand; the lesson id it carries is authorized
 * again through the journal service on every press.
 *
 * The attendance draft travels in the buttons themselves (base-5 digits of the statuses of
 * the roster in its sorted order, written in base 36) together with a short hash of that
 * roster, so a tap costs the same whether it is the 1st or the 30th and nothing is kept
 * between taps; a roster that changed since the keyboard was drawn shows as a hash mismatch.
 */

export const STATUS_CYCLE: readonly AttendanceStatus[] = ['present', 'absent', 'sick', 'excused', 'late'];
/** Keyboards stay under Telegram's ~100 buttons and the draft under 64 bytes of data. */
export const MAX_ROSTER = 90;

const IDX = '(0|[1-9]\\d?)';
const DRAFT = '([0-9a-z]{1,45})';
const HASH = '([0-9a-z]{4})';
const KIND = '([c1234y])';
const VALUE = '([1-5pf])';
const TERM = '([1-4])';

/** A code as policy.workTypes allows it (work-types.ts): at most 32 characters, so `wt1:` data stays under 64 bytes. */
const WORK_TYPE_CODE = '[a-z][a-z0-9_-]{0,31}';

const re = (s: string) => new RegExp(`^${s}$`);
export const PATTERNS = {
  day: re('d1:(\\d{8})'),
  card: re(`(?:l1|open):${ID}`),
  cardInPlace: re(`c1:${ID}`),
  allPresent: re(`p1:${ID}`),
  attendanceOpen: re(`a1:${ID}`),
  attendanceToggle: re(`a1:${ID}:${IDX}:${DRAFT}:${HASH}`),
  attendanceSave: re(`s1:${ID}:${DRAFT}:${HASH}`),
  planTopic: re(`k1:${ID}:${ID}`),
  typeTopic: re(`t1:${ID}`),
  typeHomework: re(`h1:${ID}`),
  noHomework: re(`n1:${ID}`),
  /** «Всё по плану»: everyone present, the next КТП topic, no homework; sent by teacher reminders too. */
  allAsPlanned: re(`ap1:${ID}(?::(r))?`),
  grades: re(`g1:${ID}:${KIND}`),
  gradeStudent: re(`gs1:${ID}:${KIND}:${IDX}:${HASH}`),
  gradeValue: re(`gv1:${ID}:${KIND}:${IDX}:${HASH}:${VALUE}`),
  gradeWithComment: re(`gc1:${ID}:${KIND}:${IDX}:${HASH}:${VALUE}`),
  /** The work-type keyboard of a lesson, and a choice on it (`-` is «Обычный урок»). */
  workTypes: re(`w1:${ID}`),
  workTypeSet: re(`wt1:${ID}:(${WORK_TYPE_CODE}|-)`),
  /** The final-grade screen of a course (its class's current or just-ended study period); sent by term-grade reminders too. */
  finalGrades: re(`f1:${ID}`),
  /** The same screen redrawn in place for a term; a student's value picker; a mark set; every suggestion taken. */
  finalRedraw: re(`fr1:${ID}:${TERM}`),
  finalStudent: re(`fs1:${ID}:${TERM}:${IDX}:${HASH}`),
  finalValue: re(`fv1:${ID}:${TERM}:${IDX}:${HASH}:${VALUE}`),
  finalTakeAll: re(`fa1:${ID}:${TERM}:${HASH}`),
  /** «🚩 Классному руководителю»: the roster of a lesson, a student's reasons, a reason chosen (class-flag.ts). */
  flagOpen: re(`fl1:${ID}`),
  flagStudent: re(`fl1:${ID}:${ID}`),
  flagSave: re(`fl1:${ID}:${ID}:([ultfb])`),
} as const;

/** Any data that looks like ours; what does not match a pattern above is tampered or from an old version. */
export const OURS = /^(d\d|l\d|open|c\d|p\d|a\d|s\d|k\d|t\d|h\d|n\d|g\d|gs\d|gv\d|gc\d|f\d|fr\d|fs\d|fv\d|fa\d|w\d|wt\d|ap\d|fl\d)(:|$)/;

export const cb = {
  day: (date: string) => `d1:${date.replaceAll('-', '')}`,
  card: (lessonId: number) => `l1:${lessonId}`,
  cardInPlace: (lessonId: number) => `c1:${lessonId}`,
  allPresent: (lessonId: number) => `p1:${lessonId}`,
  attendanceOpen: (lessonId: number) => `a1:${lessonId}`,
  attendanceToggle: (lessonId: number, idx: number, draft: string, hash: string) => `a1:${lessonId}:${idx}:${draft}:${hash}`,
  attendanceSave: (lessonId: number, draft: string, hash: string) => `s1:${lessonId}:${draft}:${hash}`,
  planTopic: (lessonId: number, planItemId: number) => `k1:${lessonId}:${planItemId}`,
  typeTopic: (lessonId: number) => `t1:${lessonId}`,
  typeHomework: (lessonId: number) => `h1:${lessonId}`,
  noHomework: (lessonId: number) => `n1:${lessonId}`,
  /** Shared with the teacher reminders (src/notifications). */
  allAsPlanned: allAsPlannedAddress,
  grades: (lessonId: number, kind: KindCode) => `g1:${lessonId}:${kind}`,
  gradeStudent: (lessonId: number, kind: KindCode, idx: number, hash: string) => `gs1:${lessonId}:${kind}:${idx}:${hash}`,
  gradeValue: (lessonId: number, kind: KindCode, idx: number, hash: string, v: ValueCode) => `gv1:${lessonId}:${kind}:${idx}:${hash}:${v}`,
  gradeWithComment: (lessonId: number, kind: KindCode, idx: number, hash: string, v: ValueCode) =>
    `gc1:${lessonId}:${kind}:${idx}:${hash}:${v}`,
  /** Shared with the term-grade reminders (src/notifications), which may not import the bot. */
  finalGrades: finalGradesAddress,
  finalRedraw: (courseId: number, term: number) => `fr1:${courseId}:${term}`,
  finalStudent: (courseId: number, term: number, idx: number, hash: string) => `fs1:${courseId}:${term}:${idx}:${hash}`,
  finalValue: (courseId: number, term: number, idx: number, hash: string, v: ValueCode) => `fv1:${courseId}:${term}:${idx}:${hash}:${v}`,
  finalTakeAll: (courseId: number, term: number, hash: string) => `fa1:${courseId}:${term}:${hash}`,
  workTypes: (lessonId: number) => `w1:${lessonId}`,
  workTypeSet: (lessonId: number, code: string | null) => `wt1:${lessonId}:${code ?? '-'}`,
  flagOpen: (lessonId: number) => `fl1:${lessonId}`,
  flagStudent: (lessonId: number, studentId: number) => `fl1:${lessonId}:${studentId}`,
  flagSave: (lessonId: number, studentId: number, code: string) => `fl1:${lessonId}:${studentId}:${code}`,
};

/** 'YYYYMMDD' to 'YYYY-MM-DD' when it is a real calendar date. */
export function parseDay(compact: string): string | null {
  const date = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? null : date;
}

export function encodeDraft(statuses: readonly AttendanceStatus[]): string {
  let n = 0n;
  for (let i = statuses.length - 1; i >= 0; i--) n = n * 5n + BigInt(STATUS_CYCLE.indexOf(statuses[i]!));
  return n.toString(36);
}

/** The statuses of a roster of `size`, or null when the draft cannot belong to such a roster. */
export function decodeDraft(draft: string, size: number): AttendanceStatus[] | null {
  let n = 0n;
  for (const ch of draft) n = n * 36n + BigInt(parseInt(ch, 36));
  if (draft.length > 1 && draft.startsWith('0')) return null;
  const out: AttendanceStatus[] = [];
  for (let i = 0; i < size; i++) {
    out.push(STATUS_CYCLE[Number(n % 5n)]!);
    n /= 5n;
  }
  return n === 0n ? out : null;
}

/** Four base-36 characters of FNV-1a over the ordered student ids. */
export function rosterHash(studentIds: readonly number[]): string {
  let h = 0x811c9dc5;
  for (const ch of studentIds.join(',')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % 36 ** 4).toString(36).padStart(4, '0');
}

export type KindCode = 'c' | '1' | '2' | '3' | '4' | 'y';
export type ValueCode = '1' | '2' | '3' | '4' | '5' | 'p' | 'f';

export function kindOf(code: KindCode): { kind: GradeKind; term: number | null } {
  if (code === 'c') return { kind: 'current', term: null };
  if (code === 'y') return { kind: 'year', term: null };
  return { kind: 'term', term: Number(code) };
}

export function gradeValueOf(code: ValueCode): string {
  return code === 'p' ? 'pass' : code === 'f' ? 'fail' : code;
}

export function valueCode(value: string): ValueCode {
  return (value === 'pass' ? 'p' : value === 'fail' ? 'f' : value) as ValueCode;
}

import { ID, ID_DIGITS } from '../callback-id.js';

/**
 * Callback data of the subject teacher's «Отчёты» (`tr1`, version 1): ASCII, at most 64 bytes,
 * untrusted. A course id is authorized again by the course reports service on every press; a
 * term or a month the parsers accept may still be refused there (no such period).
 */

export type FileFormat = 'p' | 'c';
const FORMAT = '([pc])';
/** 0: the current period; 1..4: a term of the class's year. */
const TERM = '([0-4])';
/** 0: this month; else 'YYYYMM'. */
const MONTH = '(0|20\\d{2}(?:0[1-9]|1[0-2]))';

const re = (s: string) => new RegExp(`^tr1${s}$`);
export const PATTERNS = {
  courses: re('(?::(l))?'),
  course: re(`:c:${ID}`),
  sheet: re(`:s:${ID}:${TERM}`),
  sheetFile: re(`:sf:${ID}:${TERM}:${FORMAT}`),
  attendance: re(`:a:${ID}:${MONTH}`),
  attendanceFile: re(`:af:${ID}:${MONTH}:${FORMAT}`),
  plan: re(`:k:(0|${ID_DIGITS})`),
  planFile: re(`:kf:(0|${ID_DIGITS}):${FORMAT}`),
} as const;

/** Anything that looks like ours; what matches no pattern above is tampered or from an old version. */
export const OURS = /^tr\d+(:|$)/;

const monthCode = (month: string | null) => (month ? month.replace('-', '') : '0');

export const cb = {
  /** The list as a new message; `back` edits the one pressed. */
  courses: (back = false) => (back ? 'tr1:l' : 'tr1'),
  course: (courseId: number) => `tr1:c:${courseId}`,
  sheet: (courseId: number, term: number | null) => `tr1:s:${courseId}:${term ?? 0}`,
  sheetFile: (courseId: number, term: number | null, f: FileFormat) => `tr1:sf:${courseId}:${term ?? 0}:${f}`,
  attendance: (courseId: number, month: string | null) => `tr1:a:${courseId}:${monthCode(month)}`,
  attendanceFile: (courseId: number, month: string | null, f: FileFormat) => `tr1:af:${courseId}:${monthCode(month)}:${f}`,
  /** The КТП of all the teacher's courses, opened from a course (its id, to go back) or from the list (0). */
  plan: (fromCourse: number | null) => `tr1:k:${fromCourse ?? 0}`,
  planFile: (fromCourse: number | null, f: FileFormat) => `tr1:kf:${fromCourse ?? 0}:${f}`,
};

/** 'YYYYMM' to 'YYYY-MM'; '0' (this month) to null. */
export function monthOf(code: string): string | null {
  return code === '0' ? null : `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** '0' to null (the current period or the list), else the number. */
export function optionalNumber(code: string): number | null {
  return code === '0' ? null : Number(code);
}

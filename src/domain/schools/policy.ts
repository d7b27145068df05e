import { ValidationError, type ErrorDetail } from '../shared/errors.js';
import { isLocalTime } from '../shared/dates.js';
import type { MinimumRule } from '../year/final-grades.js';
import { DEFAULT_WORK_TYPES, validateWorkTypes, type WorkType } from '../year/work-types.js';

export type GradeScale = '2-5' | '1-5' | 'pass-fail';
export type LessonPart = 'attendance' | 'topic' | 'homework';

/** A school's rules, from its «Положение о ведении электронного журнала». */
export interface SchoolPolicy {
  /** Local time by which a lesson day's journal must be filled; '23:59' or '24:00' for "by midnight". */
  fillDeadline: string;
  /** What makes a lesson complete. */
  requiredParts: LessonPart[];
  /** Minutes after a lesson ends for the first reminder. */
  reminderAfterLessonMinutes: number;
  /** Minutes before the deadline for the last reminder. */
  reminderBeforeDeadlineMinutes: number;
  /** Minutes after the deadline when the deputy director is alerted. */
  escalationDelayMinutes: number;
  quietHoursStart: string;
  quietHoursEnd: string;
  /** Default local time of the parents' daily digest. */
  digestTime: string;
  /** Days after the lesson day during which a teacher may still change it (0 = only that day). */
  editWindowDays: number;
  gradeScale: GradeScale;
  /** Minutes an absence notice waits so that a correction can cancel it. */
  absenceGraceMinutes: number;
  /** ISO weekdays that are school days (1 = Monday). */
  workingDays: number[];
  /** Months (1..12) with their first day when term and year grades may be entered; empty = any time. */
  finalGradeMonths: number[];
  /** Days before a study period ends from which its term grades may be entered. */
  termGradeOpenDays: number;
  /** Days before a study period ends by which its term grades are due (the regulations say two). */
  termGradeDueDays: number;
  /** Days before the due date from which teachers with missing term grades are reminded, once a day. */
  termGradeReminderDays: number;
  /** Current grades a student needs in a period behind a term grade. */
  minCurrentGrades: number;
  /** What a term grade over fewer current grades than `minCurrentGrades` gets: a warning or a refusal. */
  minCurrentGradesRule: MinimumRule;
  /** Kinds of work a lesson may be, with their weights in averages. */
  workTypes: WorkType[];
  /** Whether the director also receives the deputies' daily non-compliance alert, besides the monthly summary. */
  directorGetsDailyAlert: boolean;
  /** Local time of the class teacher's daily message (sent only on working days with something to say). */
  classTeacherDigestTime: string;
  /** School days in a row (days the class had lessons) a student is absent before the class teacher is told. */
  absentDaysInARow: number;
  /** How many 2s among a student's last three marks in a subject put them on the class teacher's risk list (1–3). */
  riskRecentTwos: number;
}

export const DEFAULT_POLICY: SchoolPolicy = {
  fillDeadline: '17:00',
  requiredParts: ['attendance', 'topic'],
  reminderAfterLessonMinutes: 15,
  reminderBeforeDeadlineMinutes: 60,
  escalationDelayMinutes: 0,
  quietHoursStart: '21:00',
  quietHoursEnd: '07:30',
  digestTime: '19:00',
  editWindowDays: 1,
  gradeScale: '2-5',
  absenceGraceMinutes: 5,
  workingDays: [1, 2, 3, 4, 5, 6],
  finalGradeMonths: [],
  termGradeOpenDays: 14,
  termGradeDueDays: 2,
  termGradeReminderDays: 3,
  minCurrentGrades: 3,
  minCurrentGradesRule: 'warn',
  workTypes: DEFAULT_WORK_TYPES.map((w) => ({ ...w })),
  directorGetsDailyAlert: false,
  classTeacherDigestTime: '15:30',
  absentDaysInARow: 3,
  riskRecentTwos: 2,
};

export const MINIMUM_RULES: readonly MinimumRule[] = ['warn', 'refuse'];
export const LESSON_PARTS: readonly LessonPart[] = ['attendance', 'topic', 'homework'];
export const GRADE_SCALES: readonly GradeScale[] = ['2-5', '1-5', 'pass-fail'];
const PARTS = LESSON_PARTS;
const SCALES = GRADE_SCALES;

/** The allowed range of each numeric setting; the HTTP schema documents the same numbers. */
export const POLICY_LIMITS = {
  reminderAfterLessonMinutes: [0, 24 * 60],
  reminderBeforeDeadlineMinutes: [0, 24 * 60],
  escalationDelayMinutes: [0, 7 * 24 * 60],
  editWindowDays: [0, 60],
  absenceGraceMinutes: [0, 120],
  workingDays: [1, 7],
  finalGradeMonths: [1, 12],
  termGradeOpenDays: [0, 60],
  termGradeDueDays: [0, 30],
  termGradeReminderDays: [0, 30],
  minCurrentGrades: [0, 20],
  absentDaysInARow: [2, 30],
  riskRecentTwos: [1, 3],
} as const satisfies Partial<Record<keyof SchoolPolicy, readonly [number, number]>>;

type Check = (value: unknown) => string | null;
const time: Check = (v) => (typeof v === 'string' && isLocalTime(v) ? null : 'must be a time HH:MM');
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be an integer from ${min} to ${max}`;
const intList =
  (min: number, max: number): Check =>
  (v) =>
    Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= min && x <= max) && new Set(v).size === v.length
      ? null
      : `must be a list of distinct integers from ${min} to ${max}`;

const limit = (key: keyof typeof POLICY_LIMITS): Check => int(POLICY_LIMITS[key][0], POLICY_LIMITS[key][1]);
const limitList = (key: keyof typeof POLICY_LIMITS): Check => intList(POLICY_LIMITS[key][0], POLICY_LIMITS[key][1]);

const CHECKS: { [K in keyof SchoolPolicy]: Check } = {
  // '24:00' is the next midnight, as some regulations word it.
  fillDeadline: (v) => (v === '24:00' ? null : time(v)),
  requiredParts: (v) =>
    Array.isArray(v) && v.length > 0 && v.every((p) => PARTS.includes(p as LessonPart))
      ? null
      : `must be a non-empty list of ${PARTS.join(', ')}`,
  reminderAfterLessonMinutes: limit('reminderAfterLessonMinutes'),
  reminderBeforeDeadlineMinutes: limit('reminderBeforeDeadlineMinutes'),
  escalationDelayMinutes: limit('escalationDelayMinutes'),
  quietHoursStart: time,
  quietHoursEnd: time,
  digestTime: time,
  editWindowDays: limit('editWindowDays'),
  gradeScale: (v) => (SCALES.includes(v as GradeScale) ? null : `must be one of ${SCALES.join(', ')}`),
  absenceGraceMinutes: limit('absenceGraceMinutes'),
  workingDays: limitList('workingDays'),
  finalGradeMonths: limitList('finalGradeMonths'),
  termGradeOpenDays: limit('termGradeOpenDays'),
  termGradeDueDays: limit('termGradeDueDays'),
  termGradeReminderDays: limit('termGradeReminderDays'),
  minCurrentGrades: limit('minCurrentGrades'),
  minCurrentGradesRule: (v) => (MINIMUM_RULES.includes(v as MinimumRule) ? null : `must be one of ${MINIMUM_RULES.join(', ')}`),
  workTypes: (v) => {
    try {
      validateWorkTypes(v);
      return null;
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return e.details.map((d) => `${d.path}: ${d.message}`).join('; ');
    }
  },
  directorGetsDailyAlert: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  classTeacherDigestTime: time,
  absentDaysInARow: limit('absentDaysInARow'),
  riskRecentTwos: limit('riskRecentTwos'),
};

/** Checks a partial policy as given by an administrator; unknown keys are errors, not silently kept. */
export function validatePolicyPatch(patch: Record<string, unknown>): Partial<SchoolPolicy> {
  const details: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const check = CHECKS[key as keyof SchoolPolicy];
    if (!check) details.push({ path: key, message: 'unknown policy setting' });
    else {
      const problem = check(value);
      if (problem) details.push({ path: key, message: problem });
    }
  }
  if (details.length) throw new ValidationError('The policy has invalid settings', details);
  return patch as Partial<SchoolPolicy>;
}

/** Stored policies are partial: what the school did not set comes from the defaults. */
export function resolvePolicy(stored: unknown): SchoolPolicy {
  const merged: Record<string, unknown> = { ...DEFAULT_POLICY };
  if (stored && typeof stored === 'object') {
    for (const [key, value] of Object.entries(stored)) {
      const check = CHECKS[key as keyof SchoolPolicy];
      if (check && check(value) === null) merged[key] = value;
    }
  }
  return merged as unknown as SchoolPolicy;
}

/** The marks a school's scale allows, in the order a keyboard shows them. */
export function gradeValues(scale: GradeScale): string[] {
  if (scale === 'pass-fail') return ['pass', 'fail'];
  return scale === '1-5' ? ['5', '4', '3', '2', '1'] : ['5', '4', '3', '2'];
}

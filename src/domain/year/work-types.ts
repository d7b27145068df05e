import { ValidationError, type ErrorDetail } from '../shared/errors.js';

/**
 * A kind of work a lesson may be (контрольная, лабораторная …) with its weight in averages.
 * `report` groups the kinds the regulations ask to be listed per class and subject.
 */
export interface WorkType {
  code: string;
  /** Russian name as the school's journal prints it; the bot localises known codes. */
  name: string;
  weight: number;
  report: 'control' | 'laboratory' | 'practical' | null;
}

/** Sensible defaults many schools use; a school replaces them through its policy. */
export const DEFAULT_WORK_TYPES: readonly WorkType[] = [
  { code: 'control', name: 'Контрольная работа', weight: 2, report: 'control' },
  { code: 'dictation', name: 'Диктант', weight: 2, report: 'control' },
  { code: 'essay', name: 'Сочинение', weight: 2, report: 'control' },
  { code: 'summary', name: 'Изложение', weight: 2, report: 'control' },
  { code: 'credit', name: 'Зачёт', weight: 2, report: 'control' },
  { code: 'lab', name: 'Лабораторная работа', weight: 1.5, report: 'laboratory' },
  { code: 'practical', name: 'Практическая работа', weight: 1.5, report: 'practical' },
  { code: 'independent', name: 'Самостоятельная работа', weight: 1.5, report: null },
  { code: 'check', name: 'Проверочная работа', weight: 1.5, report: null },
  { code: 'test', name: 'Тест', weight: 1.5, report: null },
];

/** A grade with no work type (an answer in class) weighs this much. */
export const PLAIN_WEIGHT = 1;
const CODE = /^[a-z][a-z0-9_-]{0,31}$/;
const REPORTS = ['control', 'laboratory', 'practical'];

/** Checks a school's list of work types; every problem at once. */
export function validateWorkTypes(value: unknown): WorkType[] {
  const details: ErrorDetail[] = [];
  if (!Array.isArray(value) || value.length === 0 || value.length > 50)
    throw new ValidationError('The work types are invalid', [{ path: 'workTypes', message: 'must be a list of 1 to 50 work types' }]);
  const seen = new Set<string>();
  value.forEach((w: Partial<WorkType> | null, i) => {
    const at = (field: string, message: string) => details.push({ path: `workTypes[${i}].${field}`, message });
    if (typeof w?.code !== 'string' || !CODE.test(w.code)) at('code', 'must be 1 to 32 lowercase latin letters, digits, _ or -');
    else if (seen.has(w.code)) at('code', `"${w.code}" is listed twice`);
    else seen.add(w.code);
    if (typeof w?.name !== 'string' || !w.name.trim() || w.name.length > 100) at('name', 'must be 1 to 100 characters');
    if (typeof w?.weight !== 'number' || !(w.weight > 0 && w.weight <= 10)) at('weight', 'must be a number above 0 and at most 10');
    if (w?.report != null && !REPORTS.includes(w.report)) at('report', `must be one of ${REPORTS.join(', ')}, or null`);
  });
  if (details.length) throw new ValidationError('The work types are invalid', details);
  return (value as WorkType[]).map((w) => ({ code: w.code, name: w.name.trim(), weight: w.weight, report: w.report ?? null }));
}

export function weightOf(workTypes: readonly WorkType[], code: string | null): number {
  if (code === null) return PLAIN_WEIGHT;
  return workTypes.find((w) => w.code === code)?.weight ?? PLAIN_WEIGHT;
}

const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase().replaceAll('ё', 'е');

/** The work type a value names: its code or its Russian name, case-insensitively; null when none does. */
export function findWorkType(workTypes: readonly WorkType[], value: string): WorkType | null {
  const wanted = fold(value);
  return workTypes.find((w) => w.code === wanted || fold(w.name) === wanted) ?? null;
}

/**
 * Reads an optional work type as an administrator or a main journal gives it: absent, null or
 * blank is none (null); otherwise the code of the school's type it names, or the problem to report.
 */
export function readWorkType(workTypes: readonly WorkType[], value: unknown): { code: string | null } | { error: string } {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) return { code: null };
  if (typeof value !== 'string') return { error: 'must be the code or the name of a work type' };
  const found = findWorkType(workTypes, value);
  return found
    ? { code: found.code }
    : { error: `"${value.trim().slice(0, 100)}" is not one of the school's work types (${workTypes.map((w) => w.code).join(', ')})` };
}

import { gradeValues, type GradeScale } from '../schools/policy.js';
import type { GradeKind } from '../lessons/types.js';
import { GRADE_KINDS } from './types.js';

export const MAX_GRADE_COMMENT = 300;

/** "н/а", "осв." and the like record why there is no mark; the regulations forbid them as marks. */
const NOT_A_MARK = /^(н\s*[/\\.]?\s*а\.?|осв\.?|освоб\S*|не\s*атт\S*|неатт\S*|н\/?я)$/;

const PASS_FAIL_ALIASES: Record<string, string> = {
  зачёт: 'pass',
  зачет: 'pass',
  зач: 'pass',
  'зач.': 'pass',
  незачёт: 'fail',
  незачет: 'fail',
  незач: 'fail',
  'незач.': 'fail',
};

/** The stored form of a mark under the school's scale, or why it is not one. */
export function normalizeGradeValue(raw: unknown, scale: GradeScale): { value: string } | { error: string } {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { error: 'must be a mark' };
  const text = String(raw).trim().toLowerCase();
  const allowed = gradeValues(scale);
  if (NOT_A_MARK.test(text)) {
    return {
      error:
        `"${String(raw).trim()}" is not a mark: the regulations forbid "н/а", "осв." and similar as marks; ` +
        `give one of ${allowed.join(', ')} or give no mark (a comment may say why)`,
    };
  }
  const value = scale === 'pass-fail' ? (PASS_FAIL_ALIASES[text] ?? text) : text;
  if (!allowed.includes(value)) return { error: `must be one of ${allowed.join(', ')} (the school's scale is ${scale})` };
  return { value };
}

export function isFinalKind(kind: GradeKind): boolean {
  return kind === 'term' || kind === 'year';
}

/** Checks kind, term and comment; returns problems as [field, message] pairs. */
export function gradeShapeProblems(input: { kind?: unknown; term?: unknown; comment?: unknown }): [string, string][] {
  const problems: [string, string][] = [];
  const kind = input.kind ?? 'current';
  if (!GRADE_KINDS.includes(kind as GradeKind)) problems.push(['kind', `must be one of ${GRADE_KINDS.join(', ')}`]);
  const term = input.term ?? null;
  if (kind === 'term') {
    if (!Number.isInteger(term) || (term as number) < 1 || (term as number) > 4)
      problems.push(['term', 'a term grade needs the term number 1..4']);
  } else if (term !== null) {
    problems.push(['term', 'only term grades carry a term number']);
  }
  const comment = input.comment ?? null;
  if (comment !== null && (typeof comment !== 'string' || comment.length > MAX_GRADE_COMMENT)) {
    problems.push(['comment', `must be text of at most ${MAX_GRADE_COMMENT} characters`]);
  }
  return problems;
}

/** Whether term and year grades may be entered in this month (1..12) under the policy. */
export function finalGradesOpen(month: number, finalGradeMonths: readonly number[]): boolean {
  return finalGradeMonths.length === 0 || finalGradeMonths.includes(month);
}

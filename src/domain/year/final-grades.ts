import type { GradeScale } from '../schools/policy.js';
import { weightOf, type WorkType } from './work-types.js';

/** A current grade as averages need it: its mark and the work type of its lesson. */
export interface MarkForAverage {
  value: string;
  workType: string | null;
}

/**
 * The weighted average of numeric marks (pass/fail marks have none). Rounded to two decimals,
 * as journals print it; null when there is no numeric mark.
 */
export function weightedAverage(marks: readonly MarkForAverage[], workTypes: readonly WorkType[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const m of marks) {
    const n = Number(m.value);
    if (!Number.isFinite(n) || m.value === '') continue;
    const w = weightOf(workTypes, m.workType);
    sum += n * w;
    weights += w;
  }
  return weights === 0 ? null : Math.round((sum / weights) * 100) / 100;
}

/**
 * The final mark an average suggests: the usual rule of rounding half up (3.5 → 4, 3.49 → 3),
 * kept inside the scale. The teacher decides; this is only the one-tap suggestion.
 */
export function suggestFinal(average: number | null, scale: GradeScale): string | null {
  if (average === null || scale === 'pass-fail') return null;
  const min = scale === '1-5' ? 1 : 2;
  return String(Math.min(5, Math.max(min, Math.floor(average + 0.5))));
}

export type MinimumRule = 'warn' | 'refuse';

/** What to say of a student with fewer current marks than the policy's minimum. */
export function minimumCheck(count: number, minimum: number, rule: MinimumRule): 'ok' | 'warn' | 'refuse' {
  if (count >= minimum) return 'ok';
  return rule;
}

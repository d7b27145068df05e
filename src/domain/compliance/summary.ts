import type { LocalDate } from '../shared/dates.js';
import type { Repositories } from '../ports.js';
import type { LessonPart } from '../schools/policy.js';
import type { School } from '../schools/types.js';
import { periodRange, type Period } from './timing.js';
import type { TeacherTally } from './types.js';

export interface TeacherCompliance extends TeacherTally {
  /** onTime / (onTime + late + missing), 0..1 with 4 decimals; null when nothing was due yet. */
  onTimeShare: number | null;
}

export interface ComplianceSummary {
  schoolId: number;
  period: Period;
  from: LocalDate;
  to: LocalDate;
  fillDeadline: string;
  requiredParts: LessonPart[];
  generatedAt: Date;
  totals: Omit<TeacherCompliance, 'teacherId' | 'teacherName'>;
  /** Worst first: lowest on-time share, then most missing, then most late, then by name. */
  teachers: TeacherCompliance[];
}

const share = (t: Pick<TeacherTally, 'onTime' | 'late' | 'missing'>) => {
  const due = t.onTime + t.late + t.missing;
  return due === 0 ? null : Math.round((t.onTime / due) * 10_000) / 10_000;
};

/** The timeliness of a school's journal in the period containing `date`, as of `now`. */
export async function computeSummary(
  repos: Repositories,
  school: School,
  period: Period,
  date: LocalDate,
  now: Date,
  /** Only these teachers (a head of department's view); all of the school when absent. */
  only?: ReadonlySet<number>,
): Promise<ComplianceSummary> {
  const { from, to } = periodRange(period, date);
  const { policy } = school;
  const tallies = await repos.compliance.tally(
    school.id,
    from,
    to,
    {
      timezone: school.timezone,
      fillDeadline: policy.fillDeadline,
      parts: policy.requiredParts,
      workingDays: policy.workingDays,
    },
    now,
  );
  const teachers = tallies.filter((t) => !only || only.has(t.teacherId)).map((t) => ({ ...t, onTimeShare: share(t) }));
  teachers.sort(
    (a, b) =>
      (a.onTimeShare ?? 2) - (b.onTimeShare ?? 2) ||
      b.missing - a.missing ||
      b.late - a.late ||
      a.teacherName.localeCompare(b.teacherName, 'ru'),
  );
  const sum = (k: 'lessons' | 'onTime' | 'late' | 'missing' | 'pending') => teachers.reduce((n, t) => n + t[k], 0);
  const totals = { lessons: sum('lessons'), onTime: sum('onTime'), late: sum('late'), missing: sum('missing'), pending: sum('pending') };
  return {
    schoolId: school.id,
    period,
    from,
    to,
    fillDeadline: policy.fillDeadline,
    requiredParts: policy.requiredParts,
    generatedAt: now,
    totals: { ...totals, onTimeShare: share(totals) },
    teachers,
  };
}

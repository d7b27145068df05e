import type { WorkType } from '../year/work-types.js';
import type { ControlWorkRow, WorkLessonRecord } from './types.js';

type Reported = WorkType & { report: NonNullable<WorkType['report']> };

const PERIOD_NAMES: Record<string, string> = { quarters: 'четверть', trimesters: 'триместр', halves: 'полугодие' };

/** The school's work types the regulations ask to be listed: those with a report group. */
export function reportedWorkTypes(workTypes: readonly WorkType[]): Reported[] {
  return workTypes.filter((w): w is Reported => w.report !== null);
}

/** '2 четверть', '1 полугодие'; null when the lesson falls in no loaded period. */
export function periodName(kind: string | null, number: number | null): string | null {
  return kind && number !== null ? `${number} ${PERIOD_NAMES[kind] ?? kind}` : null;
}

/** Names each lesson's work type as the school prints it; a type no longer reported is left out. */
export function controlWorkRows(records: readonly WorkLessonRecord[], workTypes: readonly WorkType[]): ControlWorkRow[] {
  const byCode = new Map(reportedWorkTypes(workTypes).map((w) => [w.code, w]));
  return records.flatMap(({ periodKind, periodNumber, ...r }) => {
    const type = byCode.get(r.workType);
    return type ? [{ ...r, workTypeName: type.name, report: type.report, period: periodName(periodKind, periodNumber) }] : [];
  });
}

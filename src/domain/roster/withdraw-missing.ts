import { planDepartures, type DeparturePlan } from '../movement/departures.js';
import type { Repositories } from '../ports.js';
import type { LocalDate } from '../shared/dates.js';
import { ValidationError } from '../shared/errors.js';
import type { MissingStudent, RosterInput } from './types.js';

export const MISSING_REASON = 'not in the roster import';

/** A partial import (no students list) would withdraw every student: refused before anything is read. */
export function assertWithdrawable(input: RosterInput): void {
  if (input.students?.length) return;
  throw new ValidationError('withdrawMissing needs the full list of students; nothing was imported', [
    {
      path: 'withdrawMissing',
      field: 'withdrawMissing',
      message: 'this import has no students list, so every student would be withdrawn: send the whole list, or leave withdrawMissing off',
    },
  ]);
}

/**
 * The school's students in a class who are not in the import: they left, and leave as of the
 * import's effective date. Checked like any withdrawal (a closed year, a later enrollment).
 */
export async function planMissing(
  repos: Repositories,
  schoolId: number,
  importedExternalIds: Set<string>,
  effectiveDate: LocalDate,
): Promise<{ plan: DeparturePlan; listed: MissingStudent[] }> {
  const enrolled = await repos.movement.studentsInClasses(schoolId);
  const missing = enrolled.filter((s) => s.externalId === null || !importedExternalIds.has(s.externalId));
  const plan = await planDepartures(repos, schoolId, missing, effectiveDate, MISSING_REASON);
  const listed = missing
    .map((s) => ({ studentId: s.id, externalId: s.externalId, name: `${s.lastName} ${s.firstName}`, className: s.groupName }))
    .sort((a, b) => a.className.localeCompare(b.className, 'ru') || a.name.localeCompare(b.name, 'ru'));
  return { plan, listed };
}

import type { LocalDate } from '../shared/dates.js';

/**
 * From this age a student gives their own consent to personal-data processing (the schools'
 * regulations follow 152-FZ with the civil code's 14 years); below it only a guardian can.
 */
export const OWN_CONSENT_AGE = 14;

/** Full years on `today` (both the school's local dates); a birthday counts from its day. */
export function ageOn(birthDate: LocalDate, today: LocalDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Whether a guardian must consent for the student. An unknown birth date is treated as under
 * 14: the regulations let nothing of a child be processed on a guess (docs/roles.md, Student).
 */
export function needsGuardianConsent(birthDate: LocalDate | null, today: LocalDate): boolean {
  return birthDate === null || ageOn(birthDate, today) < OWN_CONSENT_AGE;
}

import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { createAbsenceExplanations } from './explain-absence.js';
import { createChildViews } from './child-views.js';
import { createClassOverview } from './class-overview.js';
import { createConsentService } from './consent-service.js';
import { createPeriodViews } from './period-views.js';
import { createPreferenceService } from './preferences.js';
import { createStudentService } from './student-service.js';

export type * from './types.js';
export type * from './period-types.js';
export { ABSENCE_ANSWERS } from './types.js';
export { CONSENT_VERSION } from './consent.js';
export { ConsentRequiredError } from './guards.js';
export { StudentConsentRequiredError } from './student-guard.js';
export { ageOn, needsGuardianConsent, OWN_CONSENT_AGE } from './student-age.js';
export type { StudentSelf } from './student-service.js';
export { validatePreferences } from './preferences.js';
export { FALLBACK_MONTHS, periodWindowOn } from './period-views.js';
export type { ExplainResult } from './explain-absence.js';

/**
 * What parents see and decide, and the class teacher's view of them.
 *
 * Every parent call takes the parent's Principal (one school user; a Telegram account linked
 * to several parents calls once per user). A child's data needs an active consent
 * (ConsentRequiredError, a ForbiddenError, otherwise) and a guardianship; any other student
 * looks missing (NotFoundError). Consent changes, settings and answers are audited.
 *
 * A student user reads their own day, week and period through the same views, with the consent
 * their age needs (StudentConsentRequiredError otherwise); any other student id looks missing.
 */
export function createFamilyService(deps: { uow: UnitOfWork; clock: Clock }) {
  return {
    ...createConsentService(deps),
    ...createChildViews(deps),
    ...createPeriodViews(deps),
    ...createPreferenceService(deps),
    ...createAbsenceExplanations(deps),
    ...createClassOverview(deps),
    ...createStudentService(deps),
  };
}

export type FamilyService = ReturnType<typeof createFamilyService>;

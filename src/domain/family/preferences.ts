import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { isLocalTime } from '../shared/dates.js';
import { ValidationError, type ErrorDetail } from '../shared/errors.js';
import { actorIdOf, viaOf, type Principal } from '../shared/principal.js';
import { DEFAULT_PREFERENCES, type Preferences } from '../outbox/types.js';
import { asReader } from './guards.js';

const ABSENCES: readonly Preferences['absences'][] = ['realtime', 'digest'];
const GRADES: readonly Preferences['grades'][] = ['realtime', 'digest', 'off'];

export function validatePreferences(p: Preferences): void {
  const details: ErrorDetail[] = [];
  if (!ABSENCES.includes(p.absences)) details.push({ path: 'absences', message: `must be one of ${ABSENCES.join(', ')}` });
  if (!GRADES.includes(p.grades)) details.push({ path: 'grades', message: `must be one of ${GRADES.join(', ')}` });
  for (const key of ['digestTime', 'quietStart', 'quietEnd'] as const) {
    if (typeof p[key] !== 'string' || !isLocalTime(p[key])) details.push({ path: key, message: 'must be a time HH:MM' });
  }
  if (p.quietStart === p.quietEnd) details.push({ path: 'quietEnd', message: 'quiet hours must not start and end at the same time' });
  if (typeof p.emailFallback !== 'boolean') details.push({ path: 'emailFallback', message: 'must be true or false' });
  if (details.length) throw new ValidationError('The notification settings are invalid', details);
}

export function createPreferenceService({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return {
    /** The parent's (or student's) notification settings; defaults until they change one. */
    async preferences(principal: Principal): Promise<Preferences> {
      const parent = asReader(principal);
      return (await uow.repos.family.preferences(parent.userId)) ?? { ...DEFAULT_PREFERENCES };
    },

    /** Changes some settings; the notifier uses them for every notice it schedules from now on. Audited. */
    async updatePreferences(principal: Principal, patch: Partial<Preferences>): Promise<Preferences> {
      const parent = asReader(principal);
      return uow.transaction(async (repos) => {
        const before = (await repos.family.preferences(parent.userId)) ?? { ...DEFAULT_PREFERENCES };
        const known = Object.fromEntries(Object.entries(patch).filter(([k, v]) => k in DEFAULT_PREFERENCES && v !== undefined));
        const after: Preferences = { ...before, ...known };
        validatePreferences(after);
        await repos.family.savePreferences(parent.userId, after, clock.now());
        await repos.audit.record([
          {
            schoolId: parent.schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'preferences',
            entityId: parent.userId,
            action: 'update',
            before,
            after,
          },
        ]);
        return after;
      });
    },
  };
}

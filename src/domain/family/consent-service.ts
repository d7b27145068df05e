import type { Repositories, UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import { actorIdOf, viaOf, type Principal } from '../shared/principal.js';
import { CONSENT_VERSION } from './consent.js';
import { asReader } from './guards.js';
import { isStudent, StudentConsentRequiredError, studentAccountOf } from './student-guard.js';
import type { ConsentRecord, ConsentStatus, StoredData } from './types.js';
import { DEFAULT_PREFERENCES } from '../outbox/types.js';
import { localDateOf } from '../shared/dates.js';

function statusOf(record: ConsentRecord | null): ConsentStatus {
  return {
    granted: !!record && !record.withdrawnAt,
    version: record?.version ?? null,
    grantedAt: record?.grantedAt ?? null,
    withdrawnAt: record?.withdrawnAt ?? null,
    currentVersion: CONSENT_VERSION,
  };
}

export function createConsentService({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return {
    /** The parent's consent, or a student's own (a 14+ student gives it with the same text). */
    async consentStatus(principal: Principal): Promise<ConsentStatus> {
      const parent = asReader(principal);
      return statusOf(await uow.repos.family.lastConsent(parent.userId));
    },

    /** Records consent to the current text; granting twice keeps the first row. Audited. */
    async grantConsent(principal: Principal): Promise<ConsentStatus> {
      const parent = asReader(principal);
      if (isStudent(principal)) {
        // Under 14 (or of unknown age) a student cannot consent for themself: a guardian must.
        const school = await uow.repos.schools.findById(parent.schoolId);
        if (!school) throw new NotFoundError('School', parent.schoolId);
        const today = localDateOf(clock.now(), school.timezone);
        if ((await studentAccountOf(uow.repos, principal, today)).minor) throw new StudentConsentRequiredError('guardian');
      }
      return uow.transaction(async (repos: Repositories) => {
        const last = await repos.family.lastConsent(parent.userId);
        if (last && !last.withdrawnAt) return statusOf(last);
        const row = await repos.family.insertConsent({
          parentId: parent.userId,
          version: CONSENT_VERSION,
          at: clock.now(),
          recordedBy: actorIdOf(principal),
          via: viaOf(principal),
        });
        await repos.audit.record([
          {
            schoolId: parent.schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'consent',
            entityId: row.id,
            action: 'grant',
            before: null,
            after: { parentId: parent.userId, version: row.version },
          },
        ]);
        return statusOf(row);
      });
    },

    /**
     * Withdraws the active consent: from now on nothing of the children is shown, and the
     * notifier finds no audience (it reads only active consents). Audited; idempotent.
     */
    async withdrawConsent(principal: Principal): Promise<ConsentStatus> {
      const parent = asReader(principal);
      return uow.transaction(async (repos: Repositories) => {
        const row = await repos.family.withdrawConsent(parent.userId, clock.now());
        if (!row) return statusOf(await repos.family.lastConsent(parent.userId));
        await repos.audit.record([
          {
            schoolId: parent.schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'consent',
            entityId: row.id,
            action: 'withdraw',
            before: { version: row.version, grantedAt: row.grantedAt.toISOString() },
            after: { withdrawnAt: row.withdrawnAt?.toISOString() },
          },
        ]);
        return statusOf(row);
      });
    },

    /**
     * What is stored about the parent or the student themself (for /privacy). Children are named
     * only while consent is active; a student has none.
     */
    async storedData(principal: Principal): Promise<StoredData> {
      const parent = asReader(principal);
      const repos = uow.repos;
      const [data, consent, prefs, school] = await Promise.all([
        repos.family.storedData(parent.userId),
        repos.family.lastConsent(parent.userId),
        repos.family.preferences(parent.userId),
        repos.schools.findById(parent.schoolId),
      ]);
      if (!data || !school) throw new NotFoundError('User', parent.userId);
      const status = statusOf(consent);
      const children = status.granted
        ? (await repos.family.childrenOf(parent.userId, localDateOf(clock.now(), school.timezone))).map(
            (c) => `${c.lastName} ${c.firstName}`,
          )
        : [];
      return { ...data, children, preferences: prefs ?? DEFAULT_PREFERENCES, consent: status };
    },
  };
}

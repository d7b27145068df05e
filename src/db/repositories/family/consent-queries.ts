import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FamilyRepository } from '../../../domain/family/types.js';
import type { Executor } from '../../client.js';
import { consents, maxLinks, preferences, users } from '../../schema/index.js';
import { preferencesOf } from '../audience-repository.js';
import { toConsent } from './shared.js';

/** Queries of the family repository: consents and preferences of a parent, and what is stored about a person. */
export function createConsentQueries(
  db: Executor,
): Pick<FamilyRepository, 'lastConsent' | 'insertConsent' | 'withdrawConsent' | 'preferences' | 'savePreferences' | 'storedData'> {
  return {
    async lastConsent(parentId) {
      const [row] = await db
        .select()
        .from(consents)
        .where(eq(consents.parentId, parentId))
        .orderBy(sql`${consents.withdrawnAt} IS NULL DESC`, desc(consents.grantedAt), desc(consents.id))
        .limit(1);
      return row ? toConsent(row) : null;
    },
    async insertConsent(r) {
      const [row] = await db
        .insert(consents)
        .values({ parentId: r.parentId, version: r.version, grantedAt: r.at, recordedBy: r.recordedBy, via: r.via })
        .returning();
      return toConsent(row!);
    },
    async withdrawConsent(parentId, at) {
      const [row] = await db
        .update(consents)
        .set({ withdrawnAt: at })
        .where(and(eq(consents.parentId, parentId), isNull(consents.withdrawnAt)))
        .returning();
      return row ? toConsent(row) : null;
    },
    async preferences(userId) {
      const [row] = await db.select().from(preferences).where(eq(preferences.userId, userId));
      if (!row) return null;
      return preferencesOf({
        absences: row.absences,
        grades: row.grades,
        digest_time: row.digestTime,
        quiet_start: row.quietStart,
        quiet_end: row.quietEnd,
        email_fallback: row.emailFallback,
      });
    },
    async savePreferences(userId, p, at) {
      const values = {
        absences: p.absences,
        grades: p.grades,
        digestTime: p.digestTime,
        quietStart: p.quietStart,
        quietEnd: p.quietEnd,
        emailFallback: p.emailFallback,
        updatedAt: at,
      };
      await db
        .insert(preferences)
        .values({ userId, ...values })
        .onConflictDoUpdate({ target: preferences.userId, set: values });
    },
    async storedData(userId) {
      const [row] = await db
        .select({
          lastName: users.lastName,
          firstName: users.firstName,
          middleName: users.middleName,
          email: users.email,
          phone: users.phone,
          telegramUserId: users.telegramUserId,
          maxStatus: maxLinks.status,
        })
        .from(users)
        .leftJoin(maxLinks, eq(maxLinks.userId, users.id))
        .where(eq(users.id, userId));
      if (!row) return null;
      const { telegramUserId, maxStatus, ...rest } = row;
      return { ...rest, telegramLinked: telegramUserId !== null, maxLinked: maxStatus !== null };
    },
  };
}

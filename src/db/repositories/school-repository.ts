import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { resolvePolicy } from '../../domain/schools/policy.js';
import type { School, SchoolRepository } from '../../domain/schools/types.js';
import type { Executor } from '../client.js';
import { apiKeys, schools } from '../schema/index.js';

function toSchool(row: typeof schools.$inferSelect): School {
  return { id: row.id, name: row.name, timezone: row.timezone, policy: resolvePolicy(row.policy) };
}

export function createSchoolRepository(db: Executor): SchoolRepository {
  return {
    async create(input) {
      const [row] = await db.insert(schools).values(input).returning();
      return toSchool(row!);
    },
    async findById(id) {
      const [row] = await db.select().from(schools).where(eq(schools.id, id));
      return row ? toSchool(row) : null;
    },
    async count() {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(schools);
      return row?.n ?? 0;
    },
    async savePolicy(id, policy) {
      await db.update(schools).set({ policy }).where(eq(schools.id, id));
    },
    async storedPolicy(id) {
      const [row] = await db.select({ policy: schools.policy }).from(schools).where(eq(schools.id, id));
      return (row?.policy ?? {}) as Record<string, never>;
    },
    async addApiKey(input) {
      const [row] = await db.insert(apiKeys).values(input).returning();
      return { id: row!.id, schoolId: row!.schoolId, revokedAt: row!.revokedAt };
    },
    async findApiKeyByHash(keyHash) {
      const [row] = await db
        .select({ id: apiKeys.id, schoolId: apiKeys.schoolId, revokedAt: apiKeys.revokedAt })
        .from(apiKeys)
        .where(eq(apiKeys.keyHash, keyHash));
      return row ?? null;
    },
    async touchApiKey(id, at) {
      // At most one write a minute per key: requests must not turn into a stream of updates.
      await db
        .update(apiKeys)
        .set({ lastUsedAt: at })
        .where(
          and(
            eq(apiKeys.id, id),
            or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`${at.toISOString()}::timestamptz - interval '1 minute'`)),
          ),
        );
    },
  };
}

import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { AuditRepository } from '../../domain/audit/types.js';
import type { Executor } from '../client.js';
import { auditLog } from '../schema/index.js';

export function createAuditRepository(db: Executor): AuditRepository {
  return {
    async record(entries) {
      if (!entries.length) return;
      await db.insert(auditLog).values(
        entries.map((e) => ({
          schoolId: e.schoolId,
          actorId: e.actorId,
          via: e.via,
          entity: e.entity,
          entityId: String(e.entityId),
          action: e.action,
          before: e.before ?? null,
          after: e.after ?? null,
        })),
      );
    },
    async list(q) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.schoolId, q.schoolId),
            q.entity ? eq(auditLog.entity, q.entity) : undefined,
            q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
            q.from ? gte(auditLog.at, q.from) : undefined,
            q.to ? lt(auditLog.at, q.to) : undefined,
          ),
        )
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(q.limit);
      return rows.map((r) => ({ ...r, via: r.via as 'api' | 'bot' | 'system' }));
    },
  };
}

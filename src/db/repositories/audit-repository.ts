import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AuditRepository } from '../../domain/audit/types.js';
import type { Executor } from '../client.js';
import { auditLog } from '../schema/index.js';

export function createAuditRepository(db: Executor): AuditRepository {
  return {
    async record(entries) {
      if (!entries.length) return;
      // One JSON parameter whatever the number of rows: a stable, prepared statement (a class's
      // attendance writes one row per student).
      const json = JSON.stringify(
        entries.map((e) => ({
          school_id: e.schoolId,
          actor_id: e.actorId,
          via: e.via,
          entity: e.entity,
          entity_id: String(e.entityId),
          action: e.action,
          before: e.before ?? null,
          after: e.after ?? null,
        })),
      );
      await db.execute(sql`
        INSERT INTO audit_log (school_id, actor_id, via, entity, entity_id, action, before, after)
        SELECT e.school_id, e.actor_id, e.via, e.entity, e.entity_id, e.action, e.before, e.after
        FROM jsonb_to_recordset(${json}::jsonb)
          AS e(school_id int, actor_id int, via text, entity text, entity_id text, action text, before jsonb, after jsonb)`);
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

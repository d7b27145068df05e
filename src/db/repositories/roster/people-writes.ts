import { sql } from 'drizzle-orm';
import type { RosterRepository } from '../../../domain/roster/types.js';
import type { Executor } from '../../client.js';
import { chunks, inChunks, json, returningIds } from './shared.js';

/** Writes of an import: people, groups, guardianships and the audit of the import. */
export function createPeopleWriteQueries(
  db: Executor,
): Pick<RosterRepository, 'upsertUsers' | 'upsertGroups' | 'upsertStudents' | 'upsertGuardianships' | 'recordAudit'> {
  return {
    async upsertUsers(schoolId, rows) {
      return inChunks(rows, (chunk) =>
        returningIds(
          db,
          sql`
        insert into users (school_id, external_id, roles, last_name, first_name, middle_name, email, phone)
        select ${schoolId}, x.external_id, x.roles, x.last_name, x.first_name, x.middle_name, x.email, x.phone
        from jsonb_to_recordset(${json(
          chunk.map((u) => ({
            external_id: u.externalId,
            roles: u.roles,
            last_name: u.lastName,
            first_name: u.firstName,
            middle_name: u.middleName,
            email: u.email,
            phone: u.phone,
          })),
        )}) as x(external_id text, roles text[], last_name text, first_name text, middle_name text, email text, phone text)
        on conflict (school_id, external_id) do update set roles = excluded.roles, last_name = excluded.last_name,
          first_name = excluded.first_name, middle_name = excluded.middle_name, email = excluded.email, phone = excluded.phone
        returning id, external_id`,
        ),
      );
    },
    async upsertGroups(schoolId, rows) {
      return inChunks(rows, (chunk) =>
        returningIds(
          db,
          sql`
        insert into groups (school_id, external_id, name, kind, parent_group_id, grade_level, class_teacher_id)
        select ${schoolId}, x.external_id, x.name, x.kind, x.parent_group_id, x.grade_level, x.class_teacher_id
        from jsonb_to_recordset(${json(
          chunk.map((g) => ({
            external_id: g.externalId,
            name: g.name,
            kind: g.kind,
            parent_group_id: g.parentGroupId,
            grade_level: g.gradeLevel,
            class_teacher_id: g.classTeacherId,
          })),
        )}) as x(external_id text, name text, kind text, parent_group_id int, grade_level int, class_teacher_id int)
        on conflict (school_id, external_id) do update set name = excluded.name, kind = excluded.kind, parent_group_id = excluded.parent_group_id,
          grade_level = excluded.grade_level, class_teacher_id = excluded.class_teacher_id
        returning id, external_id`,
        ),
      );
    },
    async upsertStudents(schoolId, rows) {
      return inChunks(rows, (chunk) =>
        returningIds(
          db,
          sql`
        insert into students (school_id, external_id, last_name, first_name, middle_name, birth_date)
        select ${schoolId}, x.external_id, x.last_name, x.first_name, x.middle_name, x.birth_date
        from jsonb_to_recordset(${json(
          chunk.map((st) => ({
            external_id: st.externalId,
            last_name: st.lastName,
            first_name: st.firstName,
            middle_name: st.middleName,
            birth_date: st.birthDate,
          })),
        )}) as x(external_id text, last_name text, first_name text, middle_name text, birth_date date)
        on conflict (school_id, external_id) do update set last_name = excluded.last_name, first_name = excluded.first_name,
          middle_name = excluded.middle_name, birth_date = excluded.birth_date
        returning id, external_id`,
        ),
      );
    },
    async upsertGuardianships(rows) {
      for (const chunk of chunks(rows)) {
        await db.execute(sql`
          insert into guardianships (parent_id, student_id, relation)
          select x.parent_id, x.student_id, x.relation
          from jsonb_to_recordset(${json(chunk.map((g) => ({ parent_id: g.parentId, student_id: g.studentId, relation: g.relation })))})
            as x(parent_id int, student_id int, relation text)
          on conflict (parent_id, student_id) do update set relation = excluded.relation, ended_on = null, end_reason = null`);
      }
    },
    async recordAudit(entries) {
      for (const chunk of chunks(entries)) {
        await db.execute(sql`
          insert into audit_log (school_id, actor_id, via, entity, entity_id, action, before, after)
          select x.school_id, x.actor_id, x.via, x.entity, x.entity_id, x.action, x.before, x.after
          from jsonb_to_recordset(${json(
            chunk.map((e) => ({
              school_id: e.schoolId,
              actor_id: e.actorId,
              via: e.via,
              entity: e.entity,
              entity_id: String(e.entityId),
              action: e.action,
              before: e.before ?? null,
              after: e.after ?? null,
            })),
          )}) as x(school_id int, actor_id int, via text, entity text, entity_id text, action text, before jsonb, after jsonb)`);
      }
    },
  };
}

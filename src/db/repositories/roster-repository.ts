import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { GroupKind, RosterRepository } from '../../domain/roster/types.js';
import type { Executor } from '../client.js';
import { enrollments, groups, guardianships, students, users } from '../schema/index.js';

const CHUNK = 1000;
/** First key of the advisory lock that serializes roster imports of one school. */
const ROSTER_LOCK = 7301;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function inChunks<T, R>(rows: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks(rows)) out.push(...(await fn(chunk)));
  return out;
}

/**
 * Bulk statements take their rows as one JSON parameter (jsonb_to_recordset): one
 * multi-row statement per chunk, several times faster to build and send than
 * thousands of individual bind parameters.
 */
const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

async function returningIds(db: Executor, query: SQL): Promise<{ id: number; externalId: string }[]> {
  const rows = await db.execute<{ id: number; external_id: string }>(query);
  return Array.from(rows, (r) => ({ id: r.id, externalId: r.external_id }));
}

export function createRosterRepository(db: Executor): RosterRepository {
  return {
    async lockSchool(schoolId) {
      await db.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK}, ${schoolId})`);
    },

    async groupsOf(schoolId) {
      const rows = await db
        .select({
          id: groups.id,
          externalId: groups.externalId,
          name: groups.name,
          kind: groups.kind,
          parentGroupId: groups.parentGroupId,
          gradeLevel: groups.gradeLevel,
          classTeacherId: groups.classTeacherId,
        })
        .from(groups)
        .where(eq(groups.schoolId, schoolId));
      return rows.map((r) => ({ ...r, kind: r.kind as GroupKind }));
    },

    async usersByExternalIds(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db
        .select({
          id: users.id,
          externalId: users.externalId,
          roles: users.roles,
          lastName: users.lastName,
          firstName: users.firstName,
          middleName: users.middleName,
          email: users.email,
          phone: users.phone,
        })
        .from(users)
        .where(and(eq(users.schoolId, schoolId), sql`${users.externalId} in (select jsonb_array_elements_text(${json(externalIds)}))`));
      return rows.map((r) => ({ ...r, externalId: r.externalId! }));
    },

    async studentsByExternalIds(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db
        .select({
          id: students.id,
          externalId: students.externalId,
          lastName: students.lastName,
          firstName: students.firstName,
          middleName: students.middleName,
          birthDate: students.birthDate,
        })
        .from(students)
        .where(
          and(eq(students.schoolId, schoolId), sql`${students.externalId} in (select jsonb_array_elements_text(${json(externalIds)}))`),
        );
      return rows.map((r) => ({ ...r, externalId: r.externalId! }));
    },

    async openEnrollmentsOf(studentIds) {
      if (!studentIds.length) return [];
      return db
        .select({ id: enrollments.id, studentId: enrollments.studentId, groupId: enrollments.groupId, fromDate: enrollments.fromDate })
        .from(enrollments)
        .where(
          and(
            sql`${enrollments.studentId} in (select value::int from jsonb_array_elements_text(${json(studentIds)}))`,
            isNull(enrollments.toDate),
          ),
        );
    },

    async guardianshipsOf(parentIds) {
      if (!parentIds.length) return [];
      return db
        .select({
          parentId: guardianships.parentId,
          studentId: guardianships.studentId,
          relation: guardianships.relation,
          endedOn: guardianships.endedOn,
        })
        .from(guardianships)
        .where(sql`${guardianships.parentId} in (select value::int from jsonb_array_elements_text(${json(parentIds)}))`);
    },

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

    async closeEnrollments(ids, toDate) {
      for (const chunk of chunks(ids)) {
        await db
          .update(enrollments)
          .set({ toDate })
          .where(sql`${enrollments.id} in (select value::int from jsonb_array_elements_text(${json(chunk)}))`);
      }
    },

    async deleteEnrollments(ids) {
      for (const chunk of chunks(ids))
        await db.delete(enrollments).where(sql`${enrollments.id} in (select value::int from jsonb_array_elements_text(${json(chunk)}))`);
    },

    async regroupEnrollments(changes) {
      // Same-day corrections only: rare enough that one statement per row is fine.
      for (const c of changes) await db.update(enrollments).set({ groupId: c.groupId }).where(eq(enrollments.id, c.id));
    },

    async addEnrollments(rows) {
      for (const chunk of chunks(rows)) {
        await db.execute(sql`
          insert into enrollments (student_id, group_id, from_date, reason)
          select x.student_id, x.group_id, x.from_date, x.reason
          from jsonb_to_recordset(${json(chunk.map((e) => ({ student_id: e.studentId, group_id: e.groupId, from_date: e.fromDate, reason: e.reason })))})
            as x(student_id int, group_id int, from_date date, reason text)`);
      }
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

    async listGroups(schoolId, onDate) {
      const rows = await db
        .select({
          id: groups.id,
          externalId: groups.externalId,
          name: groups.name,
          kind: groups.kind,
          parentGroupId: groups.parentGroupId,
          gradeLevel: groups.gradeLevel,
          teacherId: users.id,
          teacherExternalId: users.externalId,
          lastName: users.lastName,
          firstName: users.firstName,
          middleName: users.middleName,
          studentCount: sql<number>`count(${enrollments.id})::int`,
        })
        .from(groups)
        .leftJoin(users, eq(users.id, groups.classTeacherId))
        .leftJoin(
          enrollments,
          and(
            eq(enrollments.groupId, groups.id),
            sql`${enrollments.fromDate} <= ${onDate}`,
            sql`(${enrollments.toDate} is null or ${enrollments.toDate} >= ${onDate})`,
          ),
        )
        .where(eq(groups.schoolId, schoolId))
        .groupBy(groups.id, users.id)
        .orderBy(sql`${groups.gradeLevel} asc nulls last`, asc(groups.name));
      return rows.map((r) => ({
        id: r.id,
        externalId: r.externalId,
        name: r.name,
        kind: r.kind as GroupKind,
        parentGroupId: r.parentGroupId,
        gradeLevel: r.gradeLevel,
        classTeacher:
          r.teacherId === null
            ? null
            : {
                id: r.teacherId,
                externalId: r.teacherExternalId,
                lastName: r.lastName!,
                firstName: r.firstName!,
                middleName: r.middleName,
              },
        studentCount: r.studentCount,
      }));
    },
  };
}

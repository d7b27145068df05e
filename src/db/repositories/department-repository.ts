import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Department, DepartmentRepository } from '../../domain/departments/types.js';
import type { Executor } from '../client.js';
import { courses, departments, subjects, users } from '../schema/index.js';

const toDepartment = (r: typeof departments.$inferSelect): Department => ({
  id: r.id,
  name: r.name,
  headId: r.headId,
  teacherIds: r.teacherIds,
  subjectIds: r.subjectIds,
});

/** The named queries of departments (docs/compliance.md, "Heads of department"). */
export function createDepartmentRepository(db: Executor): DepartmentRepository {
  return {
    async list(schoolId) {
      const rows = await db.select().from(departments).where(eq(departments.schoolId, schoolId)).orderBy(asc(departments.name));
      return rows.map(toDepartment);
    },

    async replaceAll(schoolId, planned) {
      await db.delete(departments).where(eq(departments.schoolId, schoolId));
      if (planned.length) await db.insert(departments).values(planned.map((d) => ({ schoolId, ...d })));
    },

    async peopleOf(schoolId, ids) {
      if (!ids.length) return [];
      return db
        .select({ id: users.id, roles: users.roles })
        .from(users)
        .where(and(eq(users.schoolId, schoolId), inArray(users.id, ids)));
    },

    async subjectIdsOf(schoolId, ids) {
      if (!ids.length) return [];
      const rows = await db
        .select({ id: subjects.id })
        .from(subjects)
        .where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, ids)));
      return rows.map((r) => r.id);
    },

    async teachersOfSubjects(schoolId, subjectIds) {
      const rows = await db
        .selectDistinct({ id: courses.teacherId })
        .from(courses)
        .where(and(eq(courses.schoolId, schoolId), inArray(courses.subjectId, subjectIds)));
      return rows.map((r) => r.id);
    },

    async teachersOfHeads(schoolIds) {
      if (!schoolIds.length) return [];
      const ids = `{${schoolIds.join(',')}}`;
      // The same members as withMembers: the listed teachers and those of the listed subjects' courses.
      const rows = await db.execute<{ school_id: number; head_id: number; teacher_id: number }>(sql`
        SELECT d.school_id, d.head_id, unnest(d.teacher_ids) AS teacher_id FROM departments d WHERE d.school_id = ANY(${ids}::int[])
        UNION
        SELECT d.school_id, d.head_id, c.teacher_id FROM departments d
        JOIN courses c ON c.school_id = d.school_id AND c.subject_id = ANY(d.subject_ids)
        WHERE d.school_id = ANY(${ids}::int[])`);
      return rows.map((r) => ({ schoolId: r.school_id, headId: r.head_id, teacherId: r.teacher_id }));
    },

    async headedBy(schoolId, userId) {
      const rows = await db
        .select()
        .from(departments)
        .where(and(eq(departments.schoolId, schoolId), eq(departments.headId, userId)))
        .orderBy(asc(departments.name));
      return rows.map(toDepartment);
    },
  };
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Course, ScheduleRepository, StaffRef } from '../../../domain/schedule/types.js';
import type { Executor } from '../../client.js';
import { courses, groups, subjects, users } from '../../schema/index.js';

const courseColumns = {
  id: courses.id,
  schoolId: courses.schoolId,
  externalId: courses.externalId,
  groupId: courses.groupId,
  subjectId: courses.subjectId,
  subject: subjects.name,
  teacherId: courses.teacherId,
  plannedHours: courses.plannedHours,
};

const staffColumns = { id: users.id, externalId: users.externalId, roles: users.roles, active: users.active };

type CourseQueries = Pick<
  ScheduleRepository,
  | 'groupIdsByExternal'
  | 'groupExists'
  | 'classesOfGroups'
  | 'staffByExternal'
  | 'staffById'
  | 'ensureSubjects'
  | 'listCourses'
  | 'coursesByExternal'
  | 'courseById'
  | 'teacherCourses'
  | 'upsertCourses'
>;

export function courseQueries(db: Executor): CourseQueries {
  const selectCourses = () => db.select(courseColumns).from(courses).innerJoin(subjects, eq(subjects.id, courses.subjectId));
  return {
    async groupIdsByExternal(schoolId, externalIds) {
      if (!externalIds.length) return new Map();
      const rows = await db
        .select({ id: groups.id, externalId: groups.externalId })
        .from(groups)
        .where(and(eq(groups.schoolId, schoolId), inArray(groups.externalId, externalIds)));
      return new Map(rows.map((r) => [r.externalId!, r.id]));
    },
    async groupExists(schoolId, groupId) {
      const [row] = await db
        .select({ id: groups.id })
        .from(groups)
        .where(and(eq(groups.schoolId, schoolId), eq(groups.id, groupId)));
      return Boolean(row);
    },
    async classesOfGroups(groupIds) {
      if (!groupIds.length) return new Map();
      const rows = await db.select({ id: groups.id, parentId: groups.parentGroupId }).from(groups).where(inArray(groups.id, groupIds));
      return new Map(rows.map((r) => [r.id, r.parentId ?? r.id]));
    },
    async staffByExternal(schoolId, externalIds): Promise<StaffRef[]> {
      if (!externalIds.length) return [];
      return db
        .select(staffColumns)
        .from(users)
        .where(and(eq(users.schoolId, schoolId), inArray(users.externalId, externalIds)));
    },
    async staffById(schoolId, id) {
      const [row] = await db
        .select(staffColumns)
        .from(users)
        .where(and(eq(users.schoolId, schoolId), eq(users.id, id)));
      return row ?? null;
    },
    async ensureSubjects(schoolId, names) {
      if (!names.length) return new Map();
      await db
        .insert(subjects)
        .values(names.map((name) => ({ schoolId, name })))
        .onConflictDoNothing();
      const rows = await db
        .select({ id: subjects.id, name: subjects.name })
        .from(subjects)
        .where(and(eq(subjects.schoolId, schoolId), inArray(subjects.name, names)));
      return new Map(rows.map((r) => [r.name, r.id]));
    },
    async listCourses(schoolId, filter = {}): Promise<Course[]> {
      return selectCourses()
        .where(
          and(
            eq(courses.schoolId, schoolId),
            filter.groupId ? eq(courses.groupId, filter.groupId) : undefined,
            filter.teacherId ? eq(courses.teacherId, filter.teacherId) : undefined,
          ),
        )
        .orderBy(courses.groupId, subjects.name, courses.id);
    },
    async coursesByExternal(schoolId, externalIds) {
      if (!externalIds.length) return [];
      return selectCourses().where(and(eq(courses.schoolId, schoolId), inArray(courses.externalId, externalIds)));
    },
    async courseById(id) {
      const [row] = await selectCourses().where(eq(courses.id, id));
      return row ?? null;
    },
    async teacherCourses(schoolId, teacherId) {
      return db
        .select({ ...courseColumns, groupName: groups.name })
        .from(courses)
        .innerJoin(subjects, eq(subjects.id, courses.subjectId))
        .innerJoin(groups, eq(groups.id, courses.groupId))
        .where(and(eq(courses.schoolId, schoolId), eq(courses.teacherId, teacherId)))
        .orderBy(groups.name, subjects.name, courses.id);
    },
    async upsertCourses(rows) {
      const ids = new Map<string, number>();
      for (let i = 0; i < rows.length; i += 1000) {
        const out = await db
          .insert(courses)
          .values(rows.slice(i, i + 1000))
          .onConflictDoUpdate({
            target: [courses.schoolId, courses.externalId],
            set: {
              groupId: sql`excluded.group_id`,
              subjectId: sql`excluded.subject_id`,
              teacherId: sql`excluded.teacher_id`,
              plannedHours: sql`excluded.planned_hours`,
            },
          })
          .returning({ id: courses.id, externalId: courses.externalId });
        for (const r of out) ids.set(r.externalId!, r.id);
      }
      return ids;
    },
  };
}

import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { EnrollmentSpan, JournalRepository, RosterStudent } from '../../../domain/journal/types.js';
import type { Executor } from '../../client.js';
import { courses, enrollments, students } from '../../schema/index.js';

type RosterQueries = Pick<
  JournalRepository,
  'enrolledOn' | 'enrolledBetween' | 'studentsByExternalIds' | 'coursesByExternalIds' | 'enrollmentsOf'
>;

// Sorted here rather than in SQL: the database's collation may not order Russian names (ё) properly.
const collator = new Intl.Collator('ru', { sensitivity: 'base' });
export function byName(a: RosterStudent, b: RosterStudent): number {
  return (
    collator.compare(a.lastName, b.lastName) ||
    collator.compare(a.firstName, b.firstName) ||
    collator.compare(a.middleName ?? '', b.middleName ?? '') ||
    a.id - b.id
  );
}

const studentColumns = { id: students.id, lastName: students.lastName, firstName: students.firstName, middleName: students.middleName };
const spanColumns = {
  studentId: enrollments.studentId,
  groupId: enrollments.groupId,
  fromDate: enrollments.fromDate,
  toDate: enrollments.toDate,
};

export function createRosterQueries(db: Executor): RosterQueries {
  return {
    async enrolledOn(groupId, date) {
      const rows = await db
        .selectDistinct(studentColumns)
        .from(enrollments)
        .innerJoin(students, eq(students.id, enrollments.studentId))
        .where(
          and(
            eq(enrollments.groupId, groupId),
            lte(enrollments.fromDate, date),
            or(isNull(enrollments.toDate), gte(enrollments.toDate, date)),
          ),
        );
      return rows.sort(byName);
    },
    async enrolledBetween(groupId, from, to) {
      const rows = await db
        .select({ student: studentColumns, span: spanColumns })
        .from(enrollments)
        .innerJoin(students, eq(students.id, enrollments.studentId))
        .where(
          and(
            eq(enrollments.groupId, groupId),
            lte(enrollments.fromDate, to),
            or(isNull(enrollments.toDate), gte(enrollments.toDate, from)),
          ),
        );
      const out = new Map<number, RosterStudent & { spans: EnrollmentSpan[] }>();
      for (const { student, span } of rows) {
        const entry = out.get(student.id) ?? { ...student, spans: [] };
        entry.spans.push(span);
        out.set(student.id, entry);
      }
      for (const s of out.values()) s.spans.sort((a, b) => a.fromDate.localeCompare(b.fromDate));
      return [...out.values()].sort(byName);
    },
    async studentsByExternalIds(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db
        .select({ id: students.id, externalId: students.externalId })
        .from(students)
        .where(and(eq(students.schoolId, schoolId), inArray(students.externalId, externalIds)));
      return rows.map((r) => ({ id: r.id, externalId: r.externalId! }));
    },
    async coursesByExternalIds(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db
        .select({ id: courses.id, externalId: courses.externalId, groupId: courses.groupId })
        .from(courses)
        .where(and(eq(courses.schoolId, schoolId), inArray(courses.externalId, externalIds)));
      return rows.map((r) => ({ ...r, externalId: r.externalId! }));
    },
    async enrollmentsOf(studentIds) {
      if (!studentIds.length) return [];
      return db.select(spanColumns).from(enrollments).where(inArray(enrollments.studentId, studentIds));
    },
  };
}

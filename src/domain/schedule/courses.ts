import { ValidationError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { adminSchool, auditOf, isInt, isTeacher, nonEmpty, Problems, schoolIdOf, type ScheduleDeps } from './context.js';
import type { Course, CourseWrite } from './types.js';
import { cleanTypedText } from '../shared/text.js';

export interface CourseInput {
  externalId: string;
  groupExternalId: string;
  subject: string;
  teacherExternalId: string;
  plannedHours?: number | null;
}

export interface CourseReport {
  created: number;
  updated: number;
  unchanged: number;
  ids: Record<string, number>;
}

const MAX_COURSES = 5000;

function validate(items: CourseInput[]): Problems {
  const problems = new Problems();
  if (!Array.isArray(items) || items.length === 0) problems.add('items', 'must be a non-empty list');
  else if (items.length > MAX_COURSES) problems.add('items', `at most ${MAX_COURSES} courses per request`);
  const seen = new Map<string, number>();
  (Array.isArray(items) ? items : []).forEach((c, i) => {
    const at = `items[${i}]`;
    if (!nonEmpty(c.externalId, 100)) problems.add(`${at}.externalId`, 'is required (1 to 100 characters)', i + 1);
    else if (seen.has(c.externalId.trim())) problems.add(`${at}.externalId`, `repeats items[${seen.get(c.externalId.trim())}]`, i + 1);
    else seen.set(c.externalId.trim(), i);
    if (!nonEmpty(c.groupExternalId, 100)) problems.add(`${at}.groupExternalId`, 'is required', i + 1);
    if (!nonEmpty(c.subject, 200)) problems.add(`${at}.subject`, 'is required (1 to 200 characters)', i + 1);
    if (!nonEmpty(c.teacherExternalId, 100)) problems.add(`${at}.teacherExternalId`, 'is required', i + 1);
    if (c.plannedHours != null && !isInt(c.plannedHours, 0, 2000))
      problems.add(`${at}.plannedHours`, 'must be an integer from 0 to 2000', i + 1);
  });
  return problems;
}

const sameCourse = (a: Course, b: CourseWrite) =>
  a.groupId === b.groupId && a.subjectId === b.subjectId && a.teacherId === b.teacherId && a.plannedHours === b.plannedHours;

export function courseOperations(deps: ScheduleDeps) {
  return {
    /** Creates or updates courses by their external id; running it twice changes nothing. */
    async upsertCourses(principal: Principal, given: CourseInput[]): Promise<CourseReport> {
      // Subject names end up on the teachers' buttons: cleaned like every text input.
      const items = Array.isArray(given)
        ? given.map((c) => (typeof c?.subject === 'string' ? { ...c, subject: cleanTypedText(c.subject) } : c))
        : given;
      const school = await adminSchool(deps, principal);
      const problems = validate(items);
      problems.throwIfAny('The courses cannot be imported');
      const repos = deps.uow.repos;
      const groups = await repos.schedule.groupIdsByExternal(school.id, [...new Set(items.map((c) => c.groupExternalId.trim()))]);
      const staff = await repos.schedule.staffByExternal(school.id, [...new Set(items.map((c) => c.teacherExternalId.trim()))]);
      const teachers = new Map(staff.map((s) => [s.externalId, s]));
      items.forEach((c, i) => {
        if (!groups.has(c.groupExternalId.trim()))
          problems.add(`items[${i}].groupExternalId`, `no group "${c.groupExternalId}" in this school`, i + 1);
        const t = teachers.get(c.teacherExternalId.trim());
        if (!t) problems.add(`items[${i}].teacherExternalId`, `no staff member "${c.teacherExternalId}" in this school`, i + 1);
        else if (!isTeacher(t)) problems.add(`items[${i}].teacherExternalId`, `"${c.teacherExternalId}" is not an active teacher`, i + 1);
      });
      problems.throwIfAny('The courses cannot be imported');

      return deps.uow.transaction(async (tx) => {
        const subjects = await tx.schedule.ensureSubjects(school.id, [...new Set(items.map((c) => c.subject.trim()))]);
        const rows: CourseWrite[] = items.map((c) => ({
          schoolId: school.id,
          externalId: c.externalId.trim(),
          groupId: groups.get(c.groupExternalId.trim())!,
          subjectId: subjects.get(c.subject.trim())!,
          teacherId: teachers.get(c.teacherExternalId.trim())!.id,
          plannedHours: c.plannedHours ?? null,
        }));
        const existing = await tx.schedule.listCourses(school.id);
        const byExternal = new Map(existing.filter((c) => c.externalId).map((c) => [c.externalId!, c]));
        // A group learns a subject from a teacher once: the same triple under another external id is a conflict.
        const byTriple = new Map(existing.map((c) => [`${c.groupId}/${c.subjectId}/${c.teacherId}`, c]));
        const batchTriples = new Map<string, number>();
        rows.forEach((r, i) => {
          const key = `${r.groupId}/${r.subjectId}/${r.teacherId}`;
          const other = byTriple.get(key);
          if (other && other.externalId !== r.externalId)
            problems.add(
              `items[${i}]`,
              `the group already has this subject with this teacher as course "${other.externalId ?? other.id}"`,
              i + 1,
            );
          if (batchTriples.has(key))
            problems.add(`items[${i}]`, `same group, subject and teacher as items[${batchTriples.get(key)}]`, i + 1);
          batchTriples.set(key, i);
        });
        if (problems.list.length) throw new ValidationError('The courses cannot be imported', problems.list);

        const changed = rows.filter((r) => !byExternal.has(r.externalId) || !sameCourse(byExternal.get(r.externalId)!, r));
        const ids = await tx.schedule.upsertCourses(changed);
        const audit = auditOf(principal, school.id);
        const entries = changed.map((r) => {
          const before = byExternal.get(r.externalId);
          return before
            ? audit(
                'course',
                before.id,
                'update',
                { groupId: before.groupId, subjectId: before.subjectId, teacherId: before.teacherId, plannedHours: before.plannedHours },
                r,
              )
            : audit('course', ids.get(r.externalId)!, 'create', undefined, r);
        });
        await tx.audit.record(entries);
        const created = changed.filter((r) => !byExternal.has(r.externalId)).length;
        const all: Record<string, number> = {};
        for (const r of rows) all[r.externalId] = ids.get(r.externalId) ?? byExternal.get(r.externalId)!.id;
        return { created, updated: changed.length - created, unchanged: rows.length - changed.length, ids: all };
      });
    },

    async listCourses(principal: Principal, filter: { groupId?: number; teacherId?: number } = {}): Promise<Course[]> {
      const schoolId = schoolIdOf(principal);
      return deps.uow.repos.schedule.listCourses(schoolId, filter);
    },
  };
}

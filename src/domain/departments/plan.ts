import { ProblemList } from '../shared/errors.js';
import { STAFF_ROLES } from '../roster/types.js';
import type { DepartmentInput, DepartmentPerson, PlannedDepartment } from './types.js';

const sortedUnique = (ids: readonly number[] = []) => [...new Set(ids)].sort((a, b) => a - b);

export interface KnownRefs {
  people: readonly DepartmentPerson[];
  subjectIds: readonly number[];
}

/** Every user and subject id the input names, so one query each checks them all. */
export function referencedIds(input: readonly DepartmentInput[]): { userIds: number[]; subjectIds: number[] } {
  return {
    userIds: sortedUnique(input.flatMap((d) => [d.headId, ...(d.teacherIds ?? [])])),
    subjectIds: sortedUnique(input.flatMap((d) => d.subjectIds ?? [])),
  };
}

const isStaff = (p: DepartmentPerson) => p.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));

/**
 * Checks the whole list and names every problem at once (a ValidationError); returns it
 * normalised. Names compare case- and space-insensitively: «Кафедра  математики» and
 * «кафедра математики» are one department to a reader.
 */
export function planDepartments(input: readonly DepartmentInput[], known: KnownRefs): PlannedDepartment[] {
  const problems = new ProblemList();
  const people = new Map(known.people.map((p) => [p.id, p]));
  const subjects = new Set(known.subjectIds);
  const seen = new Map<string, number>();
  const planned = input.map((d, i) => {
    const at = `departments[${i}]`;
    const name = d.name.trim().replace(/\s+/g, ' ');
    if (!name) problems.add({ path: `${at}.name`, message: 'the name is empty' });
    const key = name.toLocaleLowerCase('ru');
    const first = seen.get(key);
    if (name && first !== undefined) problems.add({ path: `${at}.name`, message: `«${name}» is already departments[${first}]` });
    else seen.set(key, i);
    const head = people.get(d.headId);
    if (!head) problems.add({ path: `${at}.headId`, message: `no user ${d.headId} in this school` });
    else if (!isStaff(head)) problems.add({ path: `${at}.headId`, message: `user ${d.headId} is not staff` });
    const teacherIds = sortedUnique(d.teacherIds);
    for (const id of teacherIds) {
      const p = people.get(id);
      if (!p) problems.add({ path: `${at}.teacherIds`, message: `no user ${id} in this school` });
      else if (!isStaff(p)) problems.add({ path: `${at}.teacherIds`, message: `user ${id} is not staff` });
    }
    const subjectIds = sortedUnique(d.subjectIds);
    for (const id of subjectIds)
      if (!subjects.has(id)) problems.add({ path: `${at}.subjectIds`, message: `no subject ${id} in this school` });
    if (!teacherIds.length && !subjectIds.length)
      problems.add({ path: at, message: 'no teachers and no subjects: the department would be empty' });
    return { name, headId: d.headId, teacherIds, subjectIds };
  });
  if (problems.count) throw problems.error('The departments have problems; nothing was changed');
  return planned;
}

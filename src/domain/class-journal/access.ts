import type { Repositories } from '../ports.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import { sameSchool, type Principal, type Role } from '../shared/principal.js';
import type { School } from '../schools/types.js';
import type { ClassRecord } from './types.js';

/** Who may look at any class of their school, besides its class teacher. */
const ADMINISTRATION: readonly Role[] = ['administrator', 'director', 'deputy_director'];

export class NotClassTeacherError extends ForbiddenError {
  constructor() {
    super('Only the class teacher of this group (or the school administration) can see it');
  }
}

/**
 * The group, if the principal may see its journal: its class teacher, the school's
 * administration, its API key or the system. Another school's group (or a made-up id) looks
 * missing; a group of the same school led by someone else is forbidden.
 */
export async function classFor(
  repos: Pick<Repositories, 'classJournal' | 'schools'>,
  principal: Principal,
  groupId: number,
): Promise<{ group: ClassRecord; school: School }> {
  const group = Number.isInteger(groupId) && groupId > 0 ? await repos.classJournal.group(groupId) : null;
  if (!group || !sameSchool(principal, group.schoolId)) throw new NotFoundError('Group', groupId);
  const allowed =
    principal.kind !== 'user' || group.classTeacherId === principal.userId || principal.roles.some((r) => ADMINISTRATION.includes(r));
  if (!allowed) throw new NotClassTeacherError();
  const school = await repos.schools.findById(group.schoolId);
  if (!school) throw new NotFoundError('School', group.schoolId);
  return { group, school };
}

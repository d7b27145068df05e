import { teachersOfHead } from '../departments/members.js';
import type { Repositories } from '../ports.js';
import type { Role } from '../shared/principal.js';
import type { School } from '../schools/types.js';
import { incomplete } from './timing.js';
import type { LessonPart } from '../schools/policy.js';
import type { ComplianceLesson } from './types.js';

/** Reads compliance and nudges, for the teachers of the departments they head only. */
export const HEAD_ROLE: Role = 'head_of_department';

/**
 * The lessons of `date` not filled that a day's escalation lists for this user: the whole
 * school for a deputy director, their departments' teachers for a head of department, none
 * for anyone else. The scanner and the send-time composer both ask here, so a head is alerted
 * exactly when their message would have lines.
 */
/** Whose daily alert covers the whole school: the deputies', and the director's when the policy asks for it. */
export function getsSchoolAlert(roles: readonly Role[], school: Pick<School, 'policy'>): boolean {
  return roles.includes('deputy_director') || (roles.includes('director') && school.policy.directorGetsDailyAlert);
}

export async function escalationLessonsFor(
  repos: Repositories,
  school: School,
  user: { userId: number; roles: readonly Role[] },
  date: string,
): Promise<(ComplianceLesson & { missing: LessonPart[] })[]> {
  const schoolWide = getsSchoolAlert(user.roles, school);
  if (!schoolWide && !user.roles.includes(HEAD_ROLE)) return [];
  const lessons = incomplete(await repos.compliance.lessonsOfSchoolDay(school.id, date), school.policy.requiredParts);
  if (schoolWide || !lessons.length) return lessons;
  const teachers = await teachersOfHead(repos.departments, school.id, user.userId);
  return lessons.filter((l) => teachers.has(l.teacherId));
}

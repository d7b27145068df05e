import { teachersOfHead } from '../departments/members.js';
import type { Repositories } from '../ports.js';
import type { Role } from '../shared/principal.js';
import type { School } from '../schools/types.js';
import { incomplete } from './timing.js';
import type { LessonPart } from '../schools/policy.js';
import type { LocalDate } from '../shared/dates.js';
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

/**
 * The escalation pass's form of the same rule for a whole region: whether a head's alert of a
 * school day would list lessons. Two reads for all the days (their teachers with a lesson
 * missing a required part, and every head's teachers) instead of two per head, split in memory.
 */
export async function headsWithLines(
  repos: Repositories,
  days: { schoolId: number; date: LocalDate; parts: LessonPart[] }[],
): Promise<(schoolId: number, headId: number, date: LocalDate) => boolean> {
  if (!days.length) return () => false;
  const missing = new Map<string, Set<number>>();
  for (const m of await repos.compliance.teachersWithMissing(days)) {
    const key = `${m.schoolId}:${m.date}`;
    missing.set(key, (missing.get(key) ?? new Set()).add(m.teacherId));
  }
  const teachers = new Map<string, number[]>();
  for (const t of await repos.departments.teachersOfHeads([...new Set(days.map((d) => d.schoolId))])) {
    const key = `${t.schoolId}:${t.headId}`;
    teachers.set(key, [...(teachers.get(key) ?? []), t.teacherId]);
  }
  return (schoolId, headId, date) => {
    const unfilled = missing.get(`${schoolId}:${date}`);
    return !!unfilled && (teachers.get(`${schoolId}:${headId}`) ?? []).some((t) => unfilled.has(t));
  };
}

import type { Repositories } from '../ports.js';
import type { LocalDate } from '../shared/dates.js';
import type { CleanRoster, ProblemSink } from './clean-input.js';
import { planGroups } from './plan-groups.js';
import { planGuardianships, planStudents } from './plan-students.js';
import { planUsers } from './plan-users.js';

/**
 * Reads what the school already has for the ids the import names (a handful of queries,
 * however long the roster) and computes every change in memory.
 */
export async function planImport(repos: Repositories, schoolId: number, roster: CleanRoster, effectiveDate: LocalDate, sink: ProblemSink) {
  const userIds = new Set<string>();
  for (const s of roster.staff) userIds.add(s.externalId);
  for (const p of roster.parents) userIds.add(p.externalId);
  for (const g of roster.groups) if (g.classTeacherExternalId) userIds.add(g.classTeacherExternalId);
  const studentIds = new Set(roster.students.map((s) => s.externalId));
  for (const p of roster.parents) for (const c of p.childrenExternalIds) studentIds.add(c);
  userIds.delete('');
  studentIds.delete('');

  const [storedGroups, storedUsers, storedStudents] = await Promise.all([
    repos.roster.groupsOf(schoolId),
    repos.roster.usersByExternalIds(schoolId, [...userIds]),
    repos.roster.studentsByExternalIds(schoolId, [...studentIds]),
  ]);
  const users = new Map(storedUsers.map((u) => [u.externalId, u]));
  const students = new Map(storedStudents.map((s) => [s.externalId, s]));
  const importedStudentIds = roster.students.map((s) => students.get(s.externalId)?.id).filter((x): x is number => x !== undefined);
  const importedParentIds = roster.parents.map((p) => users.get(p.externalId)?.id).filter((x): x is number => x !== undefined);
  const [open, guardianships] = await Promise.all([
    repos.roster.openEnrollmentsOf(importedStudentIds),
    repos.roster.guardianshipsOf(importedParentIds),
  ]);

  const userPlan = planUsers(roster, users, sink);
  const groupPlan = planGroups(roster, storedGroups, users, sink);
  const studentPlan = planStudents(roster, students, open, groupPlan, effectiveDate, sink);
  const guardianPlan = planGuardianships(roster, users, students, guardianships, sink);
  return { users, students, userPlan, groupPlan, studentPlan, guardianPlan };
}

export type ImportPlan = Awaited<ReturnType<typeof planImport>>;

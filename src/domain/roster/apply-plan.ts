import type { AuditEntry } from '../audit/types.js';
import type { Repositories } from '../ports.js';
import { addLocalDays, type LocalDate } from '../shared/dates.js';
import type { Via } from '../shared/principal.js';
import type { GroupChange } from './plan-groups.js';
import type { ImportPlan } from './plan.js';

/** Writes a validated plan: a few multi-row statements per entity, then the audit rows. */
export async function applyPlan(
  repos: Repositories,
  schoolId: number,
  plan: ImportPlan,
  effectiveDate: LocalDate,
  actor: { actorId: number | null; via: Via },
  now: Date,
): Promise<Map<string, number>> {
  const audit: AuditEntry[] = [];
  const entry = (entity: string, entityId: string | number, action: string, before: unknown, after: unknown) =>
    audit.push({ schoolId, ...actor, entity, entityId, action, before: before ?? undefined, after });

  const userIds = new Map([...plan.users].map(([ext, u]) => [ext, u.id]));
  const writtenUsers = await repos.roster.upsertUsers(
    schoolId,
    plan.userPlan.changes.map((c) => c.write),
  );
  for (const u of writtenUsers) userIds.set(u.externalId, u.id);
  for (const c of plan.userPlan.changes) entry('user', userIds.get(c.write.externalId)!, c.action, c.before, c.write);

  const groupIds = new Map([...plan.groupPlan.byExternal].map(([ext, g]) => [ext, g.id]));
  const idOf = (ref: { id: number } | { externalId: string } | null, ids: Map<string, number>) =>
    ref === null ? null : 'id' in ref ? ref.id : ids.get(ref.externalId)!;
  const groupWrite = (c: GroupChange) => ({
    externalId: c.draft.externalId,
    name: c.draft.name,
    kind: c.draft.kind,
    parentGroupId: idOf(c.draft.parent, groupIds),
    gradeLevel: c.draft.gradeLevel,
    classTeacherId: idOf(c.draft.classTeacher, userIds),
  });
  // Classes before subgroups: a subgroup refers to its class by id, and the class may be new.
  for (const subgroups of [false, true]) {
    const changes = plan.groupPlan.changes.filter((c) => (c.draft.kind === 'subgroup') === subgroups);
    const writes = changes.map(groupWrite);
    for (const g of await repos.roster.upsertGroups(schoolId, writes)) groupIds.set(g.externalId, g.id);
    changes.forEach((c, i) => {
      entry('group', groupIds.get(c.draft.externalId)!, c.action, c.before, writes[i]);
    });
  }

  const studentIds = new Map([...plan.students].map(([ext, s]) => [ext, s.id]));
  const studentChanges = plan.studentPlan.changes;
  for (const s of await repos.roster.upsertStudents(
    schoolId,
    studentChanges.map((c) => c.write),
  ))
    studentIds.set(s.externalId, s.id);
  for (const c of studentChanges) {
    const before = c.before && c.move ? { ...c.before, groupId: c.move.fromGroupId } : c.before;
    const moved = c.move ? { groupId: groupIds.get(c.move.toGroupExternalId), effectiveDate } : {};
    const joined = c.memberships
      ? { joinedGroupIds: c.memberships.joined.map((ext) => groupIds.get(ext)), leftGroups: c.memberships.left, effectiveDate }
      : {};
    const after = { ...c.write, ...moved, ...joined };
    entry('student', studentIds.get(c.write.externalId)!, c.action, before, after);
  }

  const { close, drop, correct, open } = plan.studentPlan.enrollments;
  if (close.length) await repos.roster.closeEnrollments(close, addLocalDays(effectiveDate, -1));
  if (drop.length) await repos.roster.deleteEnrollments(drop);
  if (correct.length) await repos.roster.regroupEnrollments(correct.map((c) => ({ id: c.id, groupId: groupIds.get(c.groupExternalId)! })));
  await repos.roster.addEnrollments(
    open.map((o) => ({
      studentId: studentIds.get(o.studentExternalId)!,
      groupId: groupIds.get(o.groupExternalId)!,
      fromDate: effectiveDate,
      reason: o.reason,
    })),
  );

  const links = plan.guardianPlan.drafts.map((d) => ({
    parentId: userIds.get(d.parentExternalId)!,
    studentId: studentIds.get(d.studentExternalId)!,
    relation: d.relation,
  }));
  await repos.roster.upsertGuardianships(links);
  plan.guardianPlan.drafts.forEach((d, i) => {
    entry('guardianship', `${links[i]!.parentId}:${links[i]!.studentId}`, d.action, d.before, links[i]);
  });
  // The consent ended with the child's departure (152-FZ): a readmitted child is shown and
  // notified about again only after the parent consents again, so the standing consent ends here.
  const restarted = new Set(links.filter((_l, i) => plan.guardianPlan.drafts[i]!.action === 'restart').map((l) => l.parentId));
  for (const parentId of restarted) {
    const withdrawn = await repos.family.withdrawConsent(parentId, now);
    if (withdrawn)
      entry('consent', withdrawn.id, 'withdraw', { parentId, version: withdrawn.version }, { reason: 'a child was enrolled again' });
  }

  await repos.roster.recordAudit(audit);
  return groupIds;
}

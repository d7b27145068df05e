import type { CleanRoster, ProblemSink } from './clean-input.js';
import { emptyCounts, isStaff } from './plan-users.js';
import type { GroupInput, GroupKind, StoredGroup, StoredUser } from './types.js';
import { gradeLevelOf } from './values.js';

/** A group row to write; the class teacher is named by external id because new staff have no id yet. */
export interface GroupDraft {
  externalId: string;
  name: string;
  kind: GroupKind;
  /** A subgroup's class: by id when stored, by external id when this import creates it. */
  parent: { id: number } | { externalId: string } | null;
  gradeLevel: number | null;
  classTeacher: { id: number } | { externalId: string } | null;
}

export interface GroupChange {
  action: 'create' | 'update';
  draft: GroupDraft;
  before: StoredGroup | null;
}

export function planGroups(roster: CleanRoster, stored: StoredGroup[], users: Map<string, StoredUser>, sink: ProblemSink) {
  const byExternal = new Map(stored.filter((g) => g.externalId).map((g) => [g.externalId!, g]));
  const importedStaff = new Set(roster.staff.map((s) => s.externalId));
  const counts = emptyCounts();
  const changes: GroupChange[] = [];
  /** The kind each named group will have after the import (for enrollments). */
  const kindOf = new Map<string, GroupKind>();
  for (const g of roster.groups) kindOf.set(g.externalId, g.kind ?? byExternal.get(g.externalId)?.kind ?? 'class');
  for (const [externalId, g] of byExternal) if (!kindOf.has(externalId)) kindOf.set(externalId, g.kind);
  const byId = new Map(stored.map((g) => [g.id, g]));
  /** Every subgroup's class after the import, both by external id (see groupKey). */
  const classOf = new Map<string, string>();
  for (const g of stored) if (g.externalId && g.parentGroupId) classOf.set(g.externalId, groupKey(byId.get(g.parentGroupId)));

  roster.groups.forEach((g, i) => {
    const before = byExternal.get(g.externalId) ?? null;
    const kind = kindOf.get(g.externalId)!;
    if (before && before.kind !== kind && (before.kind === 'subgroup' || kind === 'subgroup'))
      sink.add('groups', i, 'kind', `"${g.externalId}" is a ${before.kind}; a group cannot become or stop being a subgroup`);
    const parent = planParent(g, i, kind, before);

    let classTeacher: GroupDraft['classTeacher'] = before?.classTeacherId ? { id: before.classTeacherId } : null;
    const ref = g.classTeacherExternalId;
    if (ref === null) classTeacher = null;
    else if (ref !== undefined) {
      const user = users.get(ref);
      if (importedStaff.has(ref)) classTeacher = user ? { id: user.id } : { externalId: ref };
      else if (user && isStaff(user)) classTeacher = { id: user.id };
      else {
        sink.add(
          'groups',
          i,
          'classTeacherExternalId',
          user
            ? `"${ref}" is a parent, not a staff member`
            : `unknown class teacher "${ref}": not in this import's staff nor in the school`,
        );
      }
    }
    const name = g.name ?? before?.name ?? g.externalId;
    const gradeLevel =
      g.gradeLevel !== undefined ? g.gradeLevel : before ? before.gradeLevel : kind === 'class' ? gradeLevelOf(name) : null;
    const draft: GroupDraft = { externalId: g.externalId, name, kind, parent, gradeLevel, classTeacher };

    if (!before) {
      counts.created++;
      changes.push({ action: 'create', draft, before });
      return;
    }
    const teacherChanged =
      classTeacher === null ? before.classTeacherId !== null : 'externalId' in classTeacher || classTeacher.id !== before.classTeacherId;
    if (teacherChanged || draft.name !== before.name || draft.kind !== before.kind || draft.gradeLevel !== before.gradeLevel) {
      counts.updated++;
      changes.push({ action: 'update', draft, before });
    } else counts.unchanged++;
  });

  return { changes, counts, kindOf, classOf, byExternal, byId };

  /** A subgroup names its class, which must be a class (in this import or stored) and stays the same. */
  function planParent(g: GroupInput, i: number, kind: GroupKind, before: StoredGroup | null): GroupDraft['parent'] {
    const ref = g.parentExternalId;
    if (kind !== 'subgroup') {
      if (ref) sink.add('groups', i, 'parentExternalId', 'only a subgroup belongs to a class (kind "subgroup")');
      return null;
    }
    const storedParent = before?.parentGroupId ? byId.get(before.parentGroupId) : undefined;
    if (!ref) {
      if (storedParent) return { id: storedParent.id };
      sink.add('groups', i, 'parentExternalId', 'a subgroup needs its class (parentExternalId)');
      return null;
    }
    const parentKind = kindOf.get(ref);
    if (!parentKind) {
      sink.add('groups', i, 'parentExternalId', `unknown class "${ref}": not in this import's groups nor in the school`);
      return null;
    }
    if (parentKind !== 'class') {
      sink.add('groups', i, 'parentExternalId', `"${ref}" is a ${parentKind}, not a class`);
      return null;
    }
    if (storedParent && storedParent.externalId !== ref) {
      sink.add(
        'groups',
        i,
        'parentExternalId',
        `the subgroup belongs to class "${groupKey(storedParent)}"; a subgroup cannot change class`,
      );
      return null;
    }
    classOf.set(g.externalId, ref);
    const stored = byExternal.get(ref);
    return stored ? { id: stored.id } : { externalId: ref };
  }
}

/** How the importer names a group: its external id, or its row id for a group made elsewhere without one. */
export function groupKey(g: { id: number; externalId: string | null } | undefined): string {
  return g ? (g.externalId ?? `#${g.id}`) : '';
}

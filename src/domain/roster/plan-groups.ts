import type { CleanRoster, ProblemSink } from './clean-input.js';
import { emptyCounts, isStaff } from './plan-users.js';
import type { GroupKind, StoredGroup, StoredUser } from './types.js';
import { gradeLevelOf } from './values.js';

/** A group row to write; the class teacher is named by external id because new staff have no id yet. */
export interface GroupDraft {
  externalId: string;
  name: string;
  kind: GroupKind;
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

  roster.groups.forEach((g, i) => {
    const before = byExternal.get(g.externalId) ?? null;
    const kind = g.kind ?? before?.kind ?? 'class';
    kindOf.set(g.externalId, kind);

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
    const draft: GroupDraft = { externalId: g.externalId, name, kind, gradeLevel, classTeacher };

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

  for (const [externalId, g] of byExternal) if (!kindOf.has(externalId)) kindOf.set(externalId, g.kind);
  return { changes, counts, kindOf, byExternal, byId: new Map(stored.map((g) => [g.id, g])) };
}

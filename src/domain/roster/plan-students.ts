import type { LocalDate } from '../shared/dates.js';
import type { CleanRoster, ProblemSink } from './clean-input.js';
import { groupKey, type planGroups } from './plan-groups.js';
import { planMemberships, type EnrollmentPlan, type MembershipChange } from './plan-memberships.js';
import { emptyCounts } from './plan-users.js';
import type { GroupKind, Guardianship, OpenEnrollment, StoredStudent, StoredUser, StudentInput, StudentWrite } from './types.js';

export interface StudentChange {
  action: 'create' | 'update';
  write: StudentWrite;
  before: StoredStudent | null;
  /** Set when the student changes group: the audit row records the move. */
  move?: { fromGroupId: number | null; toGroupExternalId: string };
  /** Clubs and subgroups joined and left (external ids), for the audit row. */
  memberships?: MembershipChange;
}

export interface GuardianshipDraft {
  parentExternalId: string;
  studentExternalId: string;
  relation: string | null;
  /** 'restart': the child left and is enrolled again by this import; the parent's consent is asked again. */
  action: 'create' | 'update' | 'restart';
  before: Guardianship | null;
}

const keep = <T>(value: T | undefined, stored: T | null | undefined): T | null => (value === undefined ? (stored ?? null) : value);

export function planStudents(
  roster: CleanRoster,
  stored: Map<string, StoredStudent>,
  open: OpenEnrollment[],
  groups: ReturnType<typeof planGroups>,
  effectiveDate: LocalDate,
  sink: ProblemSink,
) {
  const openByStudent = new Map<number, OpenEnrollment[]>();
  for (const e of open) openByStudent.set(e.studentId, [...(openByStudent.get(e.studentId) ?? []), e]);
  const counts = emptyCounts();
  const changes: StudentChange[] = [];
  const enrollments: EnrollmentPlan = { close: [], drop: [], correct: [], open: [] };

  roster.students.forEach((s, i) => {
    const before = stored.get(s.externalId) ?? null;
    const write: StudentWrite = {
      externalId: s.externalId,
      lastName: s.lastName,
      firstName: s.firstName,
      middleName: keep(s.middleName, before?.middleName),
      birthDate: keep(s.birthDate, before?.birthDate),
    };
    const kind = groups.kindOf.get(s.groupExternalId);
    if (!kind) {
      if (s.groupExternalId)
        sink.add('students', i, 'groupExternalId', `unknown group "${s.groupExternalId}": not in this import's groups nor in the school`);
      return;
    }
    if (kind === 'subgroup') {
      sink.add(
        'students',
        i,
        'groupExternalId',
        `"${s.groupExternalId}" is a subgroup: name the class here and the subgroup in subgroupExternalIds`,
      );
      return;
    }
    const mine = before ? (openByStudent.get(before.id) ?? []) : [];
    const latestOf = (k: GroupKind) =>
      mine.filter((e) => groups.byId.get(e.groupId)?.kind === k).sort((a, b) => b.fromDate.localeCompare(a.fromDate))[0];
    const classKey = kind === 'class' ? s.groupExternalId : groupKey(groups.byId.get(latestOf('class')?.groupId ?? -1)) || null;
    // A club named here in a file that also lists the clubs is one of that list (planMemberships).
    const move =
      kind === 'club' && s.clubExternalIds
        ? undefined
        : planMove(
            s,
            i,
            { before, current: latestOf(kind), targetId: groups.byExternal.get(s.groupExternalId)?.id ?? null },
            effectiveDate,
            enrollments,
            sink,
          );
    const memberships = planMemberships(s, i, { current: mine, classKey, groups, effectiveDate, plan: enrollments }, sink);
    const joinedOrLeft = memberships.joined.length + memberships.left.length > 0;
    const fieldsChanged =
      !before ||
      write.lastName !== before.lastName ||
      write.firstName !== before.firstName ||
      write.middleName !== before.middleName ||
      write.birthDate !== before.birthDate;
    if (!before) counts.created++;
    else if (fieldsChanged || move || joinedOrLeft) counts.updated++;
    else counts.unchanged++;
    if (!before || fieldsChanged || move || joinedOrLeft)
      changes.push({ action: before ? 'update' : 'create', write, before, move, memberships: joinedOrLeft ? memberships : undefined });
  });
  return { changes, counts, enrollments };
}

/** Only the enrollment of the same kind moves: a class change leaves the clubs alone. */
function planMove(
  s: StudentInput,
  i: number,
  at: { before: StoredStudent | null; current: OpenEnrollment | undefined; targetId: number | null },
  effectiveDate: LocalDate,
  enrollments: EnrollmentPlan,
  sink: ProblemSink,
): StudentChange['move'] {
  const { current } = at;
  if (!current) {
    enrollments.open.push({ studentExternalId: s.externalId, groupExternalId: s.groupExternalId, reason: 'enrolled' });
    return at.before ? { fromGroupId: null, toGroupExternalId: s.groupExternalId } : undefined;
  }
  if (current.groupId === at.targetId) return undefined;
  if (current.fromDate === effectiveDate) enrollments.correct.push({ id: current.id, groupExternalId: s.groupExternalId });
  else if (current.fromDate > effectiveDate)
    sink.add(
      'students',
      i,
      'groupExternalId',
      `cannot move on ${effectiveDate}: the current enrollment starts later, on ${current.fromDate}`,
    );
  else {
    enrollments.close.push(current.id);
    enrollments.open.push({ studentExternalId: s.externalId, groupExternalId: s.groupExternalId, reason: 'transfer' });
  }
  return { fromGroupId: current.groupId, toGroupExternalId: s.groupExternalId };
}

/** Links parents to children; links that exist and are not named stay as they are. */
export function planGuardianships(
  roster: CleanRoster,
  users: Map<string, StoredUser>,
  students: Map<string, StoredStudent>,
  stored: Guardianship[],
  sink: ProblemSink,
) {
  const importedStudents = new Set(roster.students.map((s) => s.externalId));
  const existing = new Map(stored.map((g) => [`${g.parentId}:${g.studentId}`, g]));
  const counts = emptyCounts();
  const drafts: GuardianshipDraft[] = [];
  roster.parents.forEach((p, i) => {
    for (const child of p.childrenExternalIds) {
      const storedChild = students.get(child);
      if (!storedChild && !importedStudents.has(child)) {
        sink.add('parents', i, 'childrenExternalIds', `unknown student "${child}": not in this import's students nor in the school`);
        continue;
      }
      const parentId = users.get(p.externalId)?.id;
      const before = parentId && storedChild ? (existing.get(`${parentId}:${storedChild.id}`) ?? null) : null;
      const ended = !!before?.endedOn;
      // A former pupil named by a parent but not enrolled by this import stays gone.
      if (ended && !importedStudents.has(child)) {
        counts.unchanged++;
        continue;
      }
      const relation = keep(p.relation, before?.relation);
      if (ended) {
        counts.updated++;
        drafts.push({ parentExternalId: p.externalId, studentExternalId: child, relation, action: 'restart', before });
      } else if (!before) {
        counts.created++;
        drafts.push({ parentExternalId: p.externalId, studentExternalId: child, relation, action: 'create', before });
      } else if (before.relation !== relation) {
        counts.updated++;
        drafts.push({ parentExternalId: p.externalId, studentExternalId: child, relation, action: 'update', before });
      } else counts.unchanged++;
    }
  });
  return { drafts, counts };
}

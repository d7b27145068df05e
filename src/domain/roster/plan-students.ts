import type { LocalDate } from '../shared/dates.js';
import type { CleanRoster, ProblemSink } from './clean-input.js';
import type { planGroups } from './plan-groups.js';
import { emptyCounts } from './plan-users.js';
import type { Guardianship, OpenEnrollment, StoredStudent, StoredUser, StudentWrite } from './types.js';

export interface StudentChange {
  action: 'create' | 'update';
  write: StudentWrite;
  before: StoredStudent | null;
  /** Set when the student changes group: the audit row records the move. */
  move?: { fromGroupId: number | null; toGroupExternalId: string };
}

export interface EnrollmentPlan {
  close: number[];
  correct: { id: number; groupExternalId: string }[];
  open: { studentExternalId: string; groupExternalId: string; reason: string }[];
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
  const enrollments: EnrollmentPlan = { close: [], correct: [], open: [] };

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
    const targetId = groups.byExternal.get(s.groupExternalId)?.id ?? null;
    // Only the enrollment of the same kind moves: a class change leaves the clubs alone.
    const current = (before ? (openByStudent.get(before.id) ?? []) : [])
      .filter((e) => groups.byId.get(e.groupId)?.kind === kind)
      .sort((a, b) => b.fromDate.localeCompare(a.fromDate))[0];
    let move: StudentChange['move'];
    if (!current) {
      enrollments.open.push({ studentExternalId: s.externalId, groupExternalId: s.groupExternalId, reason: 'enrolled' });
      if (before) move = { fromGroupId: null, toGroupExternalId: s.groupExternalId };
    } else if (current.groupId !== targetId) {
      move = { fromGroupId: current.groupId, toGroupExternalId: s.groupExternalId };
      if (current.fromDate === effectiveDate) enrollments.correct.push({ id: current.id, groupExternalId: s.groupExternalId });
      else if (current.fromDate > effectiveDate) {
        sink.add(
          'students',
          i,
          'groupExternalId',
          `cannot move on ${effectiveDate}: the current enrollment starts later, on ${current.fromDate}`,
        );
      } else {
        enrollments.close.push(current.id);
        enrollments.open.push({ studentExternalId: s.externalId, groupExternalId: s.groupExternalId, reason: 'transfer' });
      }
    }
    const fieldsChanged =
      !before ||
      write.lastName !== before.lastName ||
      write.firstName !== before.firstName ||
      write.middleName !== before.middleName ||
      write.birthDate !== before.birthDate;
    if (!before) counts.created++;
    else if (fieldsChanged || move) counts.updated++;
    else counts.unchanged++;
    if (!before || fieldsChanged || move) changes.push({ action: before ? 'update' : 'create', write, before, move });
  });
  return { changes, counts, enrollments };
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

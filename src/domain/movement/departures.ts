import type { AuditEntry } from '../audit/types.js';
import type { Repositories } from '../ports.js';
import { assertOpenYear } from '../shared/closed-years.js';
import { addLocalDays, type LocalDate } from '../shared/dates.js';
import { ConflictError, type ErrorDetail } from '../shared/errors.js';
import type { Via } from '../shared/principal.js';
import type { EnrollmentRow, GuardianRef, StudentRef } from './types.js';

export interface DepartureReport {
  studentId: number;
  externalId: string | null;
  name: string;
  date: LocalDate;
  reason: string;
  /** The enrollments that close (or would) on the day before `date`. */
  closed: { groupId: number; groupName: string; kind: string; fromDate: LocalDate; toDate: LocalDate }[];
  /** Guardians whose consent for this child ends (or would) on `date`. */
  consentEnded: { parentId: number; name: string }[];
  /** Pending or queued notices about the child that were cancelled (0 in a dry run). */
  cancelledNotices: number;
}

export interface DeparturePlan {
  date: LocalDate;
  reason: string;
  reports: DepartureReport[];
}

const nameOf = (p: { lastName: string; firstName: string }) => `${p.lastName} ${p.firstName}`;

/**
 * Checks and plans the departure of several students on one date (their first day away).
 * Refuses, naming each student, a date in a closed year, a student with nothing open (already
 * withdrawn) and a date before an open enrollment began. Reads only: a dry run stops here.
 */
export async function planDepartures(
  repos: Repositories,
  schoolId: number,
  students: StudentRef[],
  date: LocalDate,
  reason: string,
): Promise<DeparturePlan> {
  assertOpenYear(date, await repos.journal.closedYears(schoolId), 'The departure date');
  const ids = students.map((s) => s.id);
  const [open, guardians] = await Promise.all([repos.movement.openEnrollments(ids), repos.movement.activeGuardians(ids)]);
  const byStudent = <T extends { studentId: number }>(rows: T[], id: number) => rows.filter((r) => r.studentId === id);
  const problems: ErrorDetail[] = [];
  const lastDay = addLocalDays(date, -1);
  const reports = students.map((s): DepartureReport => {
    const mine: EnrollmentRow[] = byStudent(open, s.id);
    if (!mine.length) problems.push({ path: `students/${s.id}`, message: `${nameOf(s)} is not enrolled: already withdrawn` });
    for (const e of mine.filter((e) => e.fromDate > lastDay)) {
      problems.push({
        path: `students/${s.id}`,
        message: `${nameOf(s)} is in ${e.groupName} from ${e.fromDate}: the first day away must come after it`,
      });
    }
    return {
      studentId: s.id,
      externalId: s.externalId,
      name: nameOf(s),
      date,
      reason,
      closed: mine.map((e) => ({ groupId: e.groupId, groupName: e.groupName, kind: e.kind, fromDate: e.fromDate, toDate: lastDay })),
      consentEnded: byStudent<GuardianRef>(guardians, s.id).map((g) => ({ parentId: g.parentId, name: nameOf(g) })),
      cancelledNotices: 0,
    };
  });
  if (problems.length) throw new ConflictError('Nothing was withdrawn', problems);
  return { date, reason, reports };
}

/** Writes a checked plan: enrollments close, guardianships end, notices about the children are cancelled, audited. */
export async function applyDepartures(
  repos: Repositories,
  schoolId: number,
  plan: DeparturePlan,
  actor: { actorId: number | null; via: Via },
  now: Date,
): Promise<DepartureReport[]> {
  const ids = plan.reports.map((r) => r.studentId);
  if (!ids.length) return [];
  await repos.movement.recordDepartures({ studentIds: ids, date: plan.date, reason: plan.reason });
  const cancelled = await repos.movement.cancelNoticesAbout(schoolId, ids, now);
  const audit: AuditEntry[] = plan.reports.flatMap((r) => [
    {
      schoolId,
      ...actor,
      entity: 'student',
      entityId: r.studentId,
      action: 'withdraw',
      before: { enrollments: r.closed.map((c) => ({ groupId: c.groupId, fromDate: c.fromDate, toDate: null })) },
      after: { date: r.date, reason: r.reason, lastDay: addLocalDays(r.date, -1) },
    },
    ...r.consentEnded.map((g) => ({
      schoolId,
      ...actor,
      entity: 'guardianship',
      entityId: `${g.parentId}:${r.studentId}`,
      action: 'end',
      before: { endedOn: null },
      after: { endedOn: r.date, endReason: r.reason },
    })),
  ]);
  await repos.audit.record(audit);
  return plan.reports.map((r) => ({ ...r, cancelledNotices: cancelled.get(r.studentId) ?? 0 }));
}

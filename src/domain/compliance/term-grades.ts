import { instantAt, localDateOf, type LocalDate } from '../shared/dates.js';
import type { Repositories } from '../ports.js';
import type { School } from '../schools/types.js';
import type { OutboxEntry } from '../outbox/types.js';
import { bySchoolOf, inWindow, memo, quietFor, releaseAfterQuietHours } from './scan-helpers.js';
import type { TermGradeRules, TermGradeStage } from './term-types.js';
import type { ComplianceRun } from './types.js';

/**
 * Local time of the daily term-grade notices: the teachers' reminder and the deputy's alert go
 * with the morning, so the day is still ahead to enter the grades (and quiet hours hold them
 * for anyone whose morning starts later).
 */
export const TERM_NOTICE_TIME = '08:00';

const RUN_KIND: Record<TermGradeStage, string> = { reminder: 'term_reminder', overdue: 'term_escalation' };

/** What the term-grade queries need of a school's policy on a local date. */
export function termGradeRules(school: School, date: LocalDate, stage: TermGradeStage): TermGradeRules {
  const { termGradeOpenDays, termGradeDueDays, termGradeReminderDays } = school.policy;
  return {
    schoolId: school.id,
    date,
    stage,
    openDays: termGradeOpenDays,
    dueDays: termGradeDueDays,
    reminderDays: termGradeReminderDays,
  };
}

/**
 * Claims today's run of `stage` in every school whose notice time has come and that has a study
 * period at that stage today. The run is a compliance_runs row ('term_reminder' or
 * 'term_escalation', the local date), inserted once whatever the number of scanners; the rules
 * of the runs this call claimed are returned.
 */
async function claimToday(repos: Repositories, schools: School[], now: Date, stage: TermGradeStage): Promise<TermGradeRules[]> {
  const todayIn = memo((tz: string) => localDateOf(now, tz));
  const timeCome = memo((date: LocalDate, tz: string) => inWindow(instantAt(date, TERM_NOTICE_TIME, tz), now));
  const asked = schools.filter((s) => timeCome(todayIn(s.timezone), s.timezone)).map((s) => termGradeRules(s, todayIn(s.timezone), stage));
  if (!asked.length) return [];
  // Only the schools with a period at this stage get a run row (a year has a few such days, not
  // 365), and a school whose run is done is not claimed again: a steady tick is one statement.
  const due = await repos.compliance.termStagesDue(asked, RUN_KIND[stage]);
  if (!due.length) return [];
  const claimed = await repos.compliance.claimRuns(
    due.map((r): ComplianceRun => ({ schoolId: r.schoolId, kind: RUN_KIND[stage], periodKey: r.date })),
  );
  const mine = new Set(claimed.map((c) => c.schoolId));
  return due.filter((r) => mine.has(r.schoolId));
}

/** One message per teacher with missing term grades, once a day in the reminder days. */
export async function termReminders(repos: Repositories, schools: School[], now: Date): Promise<number> {
  const claimed = await claimToday(repos, schools, now, 'reminder');
  if (!claimed.length) return 0;
  const teachers = await repos.compliance.termGradeTeachers(claimed);
  if (!teachers.length) return 0;
  const staff = new Map((await repos.compliance.staffByIds(teachers.map((t) => t.teacherId))).map((u) => [u.userId, u]));
  const bySchool = new Map(schools.map((s) => [s.id, s]));
  const dateOf = new Map(claimed.map((r) => [r.schoolId, r.date]));
  const releaseAt = releaseAfterQuietHours(now);
  const entries: OutboxEntry[] = [];
  for (const { schoolId, teacherId } of teachers) {
    const teacher = staff.get(teacherId);
    // A deactivated teacher is told nothing; the deputy's alert still lists the course.
    if (!teacher?.active) continue;
    const school = bySchool.get(schoolId)!;
    const date = dateOf.get(schoolId)!;
    const quiet = quietFor(teacher, school);
    entries.push({
      schoolId,
      recipientId: teacherId,
      kind: 'term_reminder',
      dedupeKey: `term-reminder:${teacherId}:${date}`,
      payload: { kind: 'term_reminder', teacherId, date },
      notBefore: releaseAt(school.timezone, quiet.start, quiet.end),
      deadline: null,
    });
  }
  return repos.compliance.enqueueOnce(entries);
}

/** One consolidated alert per school and deputy director, each morning after the due date until the period ends. */
export async function termEscalations(repos: Repositories, schools: School[], now: Date): Promise<number> {
  const claimed = await claimToday(repos, schools, now, 'overdue');
  if (!claimed.length) return 0;
  const withGaps = [...new Set((await repos.compliance.termGradeTeachers(claimed)).map((t) => t.schoolId))];
  if (!withGaps.length) return 0;
  const deputies = bySchoolOf(await repos.compliance.staffWithRoles(withGaps, ['deputy_director']));
  const bySchool = new Map(schools.map((s) => [s.id, s]));
  const dateOf = new Map(claimed.map((r) => [r.schoolId, r.date]));
  const releaseAt = releaseAfterQuietHours(now);
  const entries: OutboxEntry[] = [];
  for (const schoolId of withGaps) {
    const school = bySchool.get(schoolId)!;
    const date = dateOf.get(schoolId)!;
    for (const d of deputies.get(schoolId) ?? []) {
      const quiet = quietFor(d, school);
      entries.push({
        schoolId,
        recipientId: d.userId,
        kind: 'term_escalation',
        dedupeKey: `term-escalation:${d.userId}:${date}`,
        payload: { kind: 'term_escalation', schoolId, date },
        notBefore: releaseAt(school.timezone, quiet.start, quiet.end),
        deadline: null,
      });
    }
  }
  return repos.compliance.enqueueOnce(entries);
}

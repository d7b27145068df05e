import type { Clock } from '../shared/clock.js';
import { addLocalDays, instantAt, isoWeekday, localDateOf, type LocalDate } from '../shared/dates.js';
import type { Repositories, UnitOfWork } from '../ports.js';
import type { School } from '../schools/types.js';
import type { OutboxEntry } from '../outbox/types.js';
import { escalationAt, isWorkingDay, lastReminderAt } from './timing.js';
import { bySchoolOf, inWindow, memo, quietFor, releaseAfterQuietHours } from './scan-helpers.js';
import type { ClaimedReminder, ComplianceRun } from './types.js';
import { termEscalations, termReminders } from './term-grades.js';
import { getsSchoolAlert, HEAD_ROLE, headsWithLines } from './head-scope.js';
import { departmentReports } from './department-report.js';
import { classDailies } from '../class-daily/scan.js';

const HOUR = 3_600_000;
/** A lesson's reminder points all lie before its deadline, at most about a day after it ends. */
const REMINDER_LOOKBACK_MS = 48 * HOUR;
/** Local time of the automatic reports: the weekly one on Monday, the monthly ones on the 10th. */
export const REPORT_TIME = '08:00';
export const MONTHLY_REPORT_DAY = 10;
/** escalationDelayMinutes is at most 7 days, so a day's escalation is at most 8 days after it. */
const ESCALATION_DAYS_BACK = 8;

export interface ScanResult {
  reminders: number;
  escalations: number;
  /** Outbox rows of reports: the deputies' and director's, and the heads of department's on the 10th. */
  reports: number;
  /** Term-grade reminders to teachers and alerts to deputies (term-grades.ts). */
  termReminders: number;
  termEscalations: number;
  /** Class teachers' daily messages (class-daily/scan.ts). */
  classDailies: number;
}

/**
 * Finds what is due and writes it to the outbox. Every step claims its work with a unique
 * row (lesson_reminders, compliance_runs) in the same transaction as the outbox rows, so any
 * number of processes may scan at once, and a scan cut short leaves nothing half done.
 */
export function createComplianceScanner({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  async function reminders(repos: Repositories, schools: School[], now: Date): Promise<number> {
    const rules = schools.map((s) => ({
      schoolId: s.id,
      timezone: s.timezone,
      fillDeadline: s.policy.fillDeadline,
      afterMinutes: s.policy.reminderAfterLessonMinutes,
      beforeMinutes: s.policy.reminderBeforeDeadlineMinutes,
      parts: s.policy.requiredParts,
      workingDays: s.policy.workingDays,
    }));
    const claimed = await repos.compliance.claimDueReminders(rules, now, new Date(now.getTime() - REMINDER_LOOKBACK_MS));
    if (!claimed.length) return 0;
    const bySchool = new Map(schools.map((s) => [s.id, s]));
    const staff = new Map((await repos.compliance.staffByIds([...new Set(claimed.map((c) => c.teacherId))])).map((u) => [u.userId, u]));
    // One notice per teacher, day and point, however many lessons it lists.
    const groups = new Map<string, ClaimedReminder>();
    for (const c of claimed) groups.set(`${c.teacherId}:${c.date}:${c.point}`, c);
    // A first scan of the afternoon has thousands of notices but few distinct quiet hours and school days.
    const releaseAt = releaseAfterQuietHours(now);
    const lastAt = memo((schoolId: number, date: LocalDate) => {
      const school = bySchool.get(schoolId)!;
      return lastReminderAt(date, school.policy, school.timezone);
    });
    const entries: OutboxEntry[] = [];
    for (const c of groups.values()) {
      const school = bySchool.get(c.schoolId)!;
      const teacher = staff.get(c.teacherId);
      if (!teacher?.active) continue;
      let notBefore = now;
      if (c.point === 'after') {
        const quiet = quietFor(teacher, school);
        notBefore = releaseAt(school.timezone, quiet.start, quiet.end);
        // Held past the last reminder by the quiet hours: the last reminder says it all.
        if (notBefore > now && notBefore >= lastAt(c.schoolId, c.date)) continue;
      }
      entries.push({
        schoolId: c.schoolId,
        recipientId: c.teacherId,
        kind: 'reminder',
        dedupeKey: `reminder:${c.teacherId}:${c.date}:${c.point}`,
        payload: { kind: 'reminder', teacherId: c.teacherId, date: c.date, point: c.point },
        notBefore,
        deadline: null,
      });
    }
    await repos.notifications.upsert(entries);
    return entries.length;
  }

  async function escalations(repos: Repositories, schools: School[], now: Date): Promise<number> {
    // Schools share a few timezones and policies: the date arithmetic is done once for each.
    const todayIn = memo((tz: string) => localDateOf(now, tz));
    const daysBack = memo((today: LocalDate, k: number) => addLocalDays(today, -k));
    const dueAt = memo((date: LocalDate, tz: string, fillDeadline: string, escalationDelayMinutes: number) =>
      escalationAt(date, { fillDeadline, escalationDelayMinutes }, tz),
    );
    const candidates: ComplianceRun[] = [];
    for (const s of schools) {
      const today = todayIn(s.timezone);
      for (let k = 0; k <= ESCALATION_DAYS_BACK; k++) {
        const date = daysBack(today, k);
        if (
          isWorkingDay(date, s.policy) &&
          inWindow(dueAt(date, s.timezone, s.policy.fillDeadline, s.policy.escalationDelayMinutes), now)
        ) {
          candidates.push({ schoolId: s.id, kind: 'escalation', periodKey: date });
        }
      }
    }
    if (!candidates.length) return 0;
    const claimed = await repos.compliance.claimRuns(candidates);
    if (!claimed.length) return 0;
    const bySchool = new Map(schools.map((s) => [s.id, s]));
    const days = await repos.compliance.daysWithMissing(
      claimed.map((c) => ({ schoolId: c.schoolId, date: c.periodKey, parts: bySchool.get(c.schoolId)!.policy.requiredParts })),
    );
    if (!days.length) return 0;
    // One row per person, so someone who is deputy, director and head gets one alert.
    const staff = await repos.compliance.staffWithRoles(
      [...new Set(days.map((d) => d.schoolId))],
      ['deputy_director', 'director', HEAD_ROLE],
    );
    const recipients = bySchoolOf(staff.filter((u) => getsSchoolAlert(u.roles, bySchool.get(u.schoolId)!) || u.roles.includes(HEAD_ROLE)));
    // A head is alerted only when their departments' teachers left something unfilled (head-scope.ts).
    const headsOf = (schoolId: number) =>
      (recipients.get(schoolId) ?? []).filter((u) => !getsSchoolAlert(u.roles, bySchool.get(schoolId)!));
    const headHasLines = await headsWithLines(
      repos,
      days.filter((d) => headsOf(d.schoolId).length).map((d) => ({ ...d, parts: bySchool.get(d.schoolId)!.policy.requiredParts })),
    );
    const releaseAt = releaseAfterQuietHours(now);
    const entries: OutboxEntry[] = [];
    for (const day of days) {
      const school = bySchool.get(day.schoolId)!;
      for (const d of recipients.get(day.schoolId) ?? []) {
        if (!getsSchoolAlert(d.roles, school) && !headHasLines(day.schoolId, d.userId, day.date)) continue;
        const quiet = quietFor(d, school);
        entries.push({
          schoolId: day.schoolId,
          recipientId: d.userId,
          kind: 'escalation',
          dedupeKey: `escalation:${d.userId}:${day.date}`,
          payload: { kind: 'escalation', schoolId: day.schoolId, date: day.date },
          notBefore: releaseAt(school.timezone, quiet.start, quiet.end),
          deadline: null,
        });
      }
    }
    return repos.compliance.enqueueOnce(entries);
  }

  async function schoolReports(repos: Repositories, schools: School[], now: Date): Promise<number> {
    const runs: ComplianceRun[] = [];
    for (const s of schools) {
      const today = localDateOf(now, s.timezone);
      const monday = addLocalDays(today, 1 - isoWeekday(today));
      if (inWindow(instantAt(monday, REPORT_TIME, s.timezone), now)) {
        runs.push({ schoolId: s.id, kind: 'report_week', periodKey: addLocalDays(monday, -7) });
      }
      const sendDay = `${today.slice(0, 8)}${String(MONTHLY_REPORT_DAY).padStart(2, '0')}`;
      if (inWindow(instantAt(sendDay, REPORT_TIME, s.timezone), now)) {
        runs.push({ schoolId: s.id, kind: 'report_month', periodKey: addLocalDays(`${today.slice(0, 8)}01`, -1).slice(0, 7) });
      }
    }
    if (!runs.length) return 0;
    const claimed = await repos.compliance.claimRuns(runs);
    if (!claimed.length) return 0;
    const bySchool = new Map(schools.map((s) => [s.id, s]));
    const staff = bySchoolOf(
      await repos.compliance.staffWithRoles([...new Set(claimed.map((c) => c.schoolId))], ['deputy_director', 'director']),
    );
    const releaseAt = releaseAfterQuietHours(now);
    const entries: OutboxEntry[] = [];
    for (const run of claimed) {
      const school = bySchool.get(run.schoolId)!;
      const period = run.kind === 'report_week' ? 'week' : 'month';
      const date: LocalDate = period === 'week' ? run.periodKey : `${run.periodKey}-01`;
      for (const u of staff.get(run.schoolId) ?? []) {
        // Deputies get the weekly and the monthly report; the director the monthly summary, and
        // the weekly report too when the policy gives them the deputy's daily alert.
        const audience = u.roles.includes('director') ? 'director' : 'deputy';
        if (audience === 'director' && period === 'week' && !school.policy.directorGetsDailyAlert) continue;
        const quiet = quietFor(u, school);
        entries.push({
          schoolId: run.schoolId,
          recipientId: u.userId,
          kind: 'report',
          dedupeKey: `report:${period}:${audience}:${u.userId}:${run.periodKey}`,
          payload: { kind: 'report', period, date, audience },
          notBefore: releaseAt(school.timezone, quiet.start, quiet.end),
          deadline: null,
        });
      }
    }
    return repos.compliance.enqueueOnce(entries);
  }

  /** The deputies' and director's reports, and each head of department's monthly one (counted together). */
  async function reports(repos: Repositories, schools: School[], now: Date): Promise<number> {
    return (await schoolReports(repos, schools, now)) + (await departmentReports(repos, schools, now));
  }

  return {
    /** One pass over every school: reminders, escalations, reports, term-grade notices, each in its own transaction. */
    async tick(): Promise<ScanResult> {
      const now = clock.now();
      const schools = await uow.repos.compliance.schools();
      return {
        reminders: await uow.transaction((repos) => reminders(repos, schools, now)),
        escalations: await uow.transaction((repos) => escalations(repos, schools, now)),
        reports: await uow.transaction((repos) => reports(repos, schools, now)),
        termReminders: await uow.transaction((repos) => termReminders(repos, schools, now)),
        termEscalations: await uow.transaction((repos) => termEscalations(repos, schools, now)),
        classDailies: await uow.transaction((repos) => classDailies(repos, schools, now)),
      };
    },
    scanClassDailies: async () => {
      const now = clock.now();
      const schools = await uow.repos.compliance.schools();
      return uow.transaction((repos) => classDailies(repos, schools, now));
    },
    scanReminders: async () => {
      const now = clock.now();
      const schools = await uow.repos.compliance.schools();
      return uow.transaction((repos) => reminders(repos, schools, now));
    },
    scanTermGrades: async () => {
      const now = clock.now();
      const schools = await uow.repos.compliance.schools();
      return {
        reminders: await uow.transaction((repos) => termReminders(repos, schools, now)),
        escalations: await uow.transaction((repos) => termEscalations(repos, schools, now)),
      };
    },
    scanEscalations: async () => {
      const now = clock.now();
      const schools = await uow.repos.compliance.schools();
      return uow.transaction((repos) => escalations(repos, schools, now));
    },
  };
}

export type ComplianceScanner = ReturnType<typeof createComplianceScanner>;

import { isWorkingDay } from '../compliance/timing.js';
import { inWindow, memo, quietFor, releaseAfterQuietHours } from '../compliance/scan-helpers.js';
import type { ComplianceRun } from '../compliance/types.js';
import type { OutboxEntry } from '../outbox/types.js';
import type { Repositories } from '../ports.js';
import type { GradeScale } from '../schools/policy.js';
import type { School } from '../schools/types.js';
import { addLocalDays, instantAt, localDateOf, type LocalDate } from '../shared/dates.js';
import type { ClassDailyQuery } from './types.js';

export const CLASS_DAILY_KIND = 'class_daily';
const DAY_MS = 24 * 3_600_000;
/** After a long outage the first message reports at most a week of grades, not a term. */
const MAX_WINDOW_DAYS = 7;

/** The marks that count as failing on a school's scale: 2, and 1 where the scale has it. */
export function failingMarks(scale: GradeScale): string[] {
  return scale === 'pass-fail' ? ['fail'] : scale === '1-5' ? ['1', '2'] : ['2'];
}

/** The window and rules of one school's run of `date`, given the day it last ran. */
export function classDailyQuery(school: School, date: LocalDate, previous: LocalDate | null): ClassDailyQuery {
  const time = school.policy.classTeacherDigestTime;
  const until = instantAt(date, time, school.timezone);
  const floor = instantAt(addLocalDays(date, -MAX_WINDOW_DAYS), time, school.timezone);
  const prev = previous ? instantAt(previous, time, school.timezone) : new Date(until.getTime() - DAY_MS);
  return {
    schoolId: school.id,
    date,
    since: new Date(Math.max(prev.getTime(), floor.getTime())),
    until,
    absentDays: school.policy.absentDaysInARow,
    failing: failingMarks(school.policy.gradeScale),
  };
}

/**
 * The class teachers' daily messages: each school whose digest time passed today (a working
 * day) is claimed once in compliance_runs, its pending flags are given to today's message, and
 * each class teacher with something to say gets one outbox row. The text is composed at send
 * time from the same query, so what was explained in between drops out.
 */
export async function classDailies(repos: Repositories, schools: School[], now: Date): Promise<number> {
  const todayIn = memo((tz: string) => localDateOf(now, tz));
  const dueAt = memo((date: LocalDate, time: string, tz: string) => instantAt(date, time, tz));
  const candidates: ComplianceRun[] = [];
  for (const s of schools) {
    const today = todayIn(s.timezone);
    if (isWorkingDay(today, s.policy) && inWindow(dueAt(today, s.policy.classTeacherDigestTime, s.timezone), now))
      candidates.push({ schoolId: s.id, kind: CLASS_DAILY_KIND, periodKey: today });
  }
  if (!candidates.length) return 0;
  const claimed = await repos.compliance.claimRuns(candidates);
  if (!claimed.length) return 0;
  const days = claimed.map((c) => ({ schoolId: c.schoolId, date: c.periodKey }));
  const previous = await repos.classDaily.previousRuns(days);
  const bySchool = new Map(schools.map((s) => [s.id, s]));
  const queries = days.map((d) => classDailyQuery(bySchool.get(d.schoolId)!, d.date, previous.get(d.schoolId) ?? null));
  await repos.classDaily.takeFlags(days);
  const found = await repos.classDaily.teachersWithNews(queries);
  if (!found.length) return 0;
  const staff = new Map((await repos.compliance.staffByIds(found.map((f) => f.teacherId))).map((u) => [u.userId, u]));
  const byQuery = new Map(queries.map((q) => [q.schoolId, q]));
  const releaseAt = releaseAfterQuietHours(now);
  const entries: OutboxEntry[] = [];
  for (const f of found) {
    const teacher = staff.get(f.teacherId);
    if (!teacher?.active || teacher.schoolId !== f.schoolId) continue;
    const school = bySchool.get(f.schoolId)!;
    const q = byQuery.get(f.schoolId)!;
    const quiet = quietFor(teacher, school);
    entries.push({
      schoolId: f.schoolId,
      recipientId: f.teacherId,
      kind: CLASS_DAILY_KIND,
      dedupeKey: `${CLASS_DAILY_KIND}:${f.teacherId}:${q.date}`,
      // Ids and instants only: the names are read at send time.
      payload: { kind: CLASS_DAILY_KIND, date: q.date, since: q.since.toISOString(), until: q.until.toISOString() },
      notBefore: releaseAt(school.timezone, quiet.start, quiet.end),
      deadline: null,
    });
  }
  return repos.compliance.enqueueOnce(entries);
}

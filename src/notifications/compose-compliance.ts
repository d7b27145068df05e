import {
  computeSummary,
  departmentFile,
  departmentMonth,
  escalationLessonsFor,
  getsSchoolAlert,
  HEAD_ROLE,
  incomplete,
  schoolReportFile,
  type Period,
} from '../domain/compliance/index.js';
import type { NotificationRecord, Recipient } from '../domain/outbox/types.js';
import type { Repositories } from '../domain/ports.js';
import type { NudgeRole } from '../i18n/nudge-ru.js';
import { untied, type Composed } from './composed.js';
import { renderEscalation, renderReminder, renderReport } from './templates/compliance.js';
import { renderDepartmentReport } from './templates/department-report.js';

const MINUTE = 60_000;
const NUDGE_ROLES: readonly NudgeRole[] = ['deputy', 'director', 'administrator'];

/**
 * Staff notices re-read the journal at send time: a lesson filled between the scan and the
 * send drops out, and nothing left means nothing is sent.
 */
export async function composeCompliance(
  repos: Repositories,
  record: NotificationRecord,
  recipient: Recipient,
  now: Date,
): Promise<Composed> {
  const p = record.payload as Record<string, unknown>;
  const school = await repos.schools.findById(recipient.schoolId);
  if (!school || school.id !== record.schoolId) return { action: 'skip', reason: 'school gone' };
  const { policy, timezone } = school;
  const [staff] = await repos.compliance.staffByIds([recipient.userId]);
  const roles = staff?.roles ?? [];
  switch (record.kind) {
    case 'reminder': {
      const date = String(p.date);
      const point = String(p.point);
      // After-lesson reminders list lessons whose first reminder is due; the others every lesson that ended.
      const grace = point === 'after' ? policy.reminderAfterLessonMinutes * MINUTE : 0;
      const lessons = incomplete(await repos.compliance.lessonsOfTeacherDay(recipient.userId, date), policy.requiredParts).filter(
        (l) => l.endsAt.getTime() + grace <= now.getTime(),
      );
      if (!lessons.length) return { action: 'skip', reason: 'nothing missing' };
      const message = renderReminder(
        lessons,
        { date, timezone, deadline: policy.fillDeadline, last: point === 'before', askedBy: askedByOf(p.askedBy) },
        recipient.locale,
      );
      return { action: 'send', message, editable: false };
    }
    case 'escalation': {
      if (!getsSchoolAlert(roles, school) && !roles.includes(HEAD_ROLE))
        return untied('a deputy director, a director receiving the daily alert or a head of department');
      const date = String(p.date);
      const lessons = await escalationLessonsFor(repos, school, { userId: recipient.userId, roles }, date);
      if (!lessons.length) return { action: 'skip', reason: 'every lesson filled' };
      return {
        action: 'send',
        message: renderEscalation(lessons, { date, timezone, deadline: policy.fillDeadline }, recipient.locale),
        editable: false,
      };
    }
    case 'report': {
      const audience = p.audience === 'director' ? 'director' : 'deputy';
      if (!roles.includes(audience === 'director' ? 'director' : 'deputy_director'))
        return untied(audience === 'director' ? 'the director' : 'a deputy director');
      const summary = await computeSummary(repos, school, String(p.period) as Period, String(p.date), now);
      // A holiday week or month has nothing to report.
      if (!summary.totals.lessons) return { action: 'skip', reason: 'no lessons in the period' };
      return {
        action: 'send',
        message: renderReport(summary, audience, recipient.locale),
        editable: false,
        file: schoolReportFile(summary, school.name),
      };
    }
    case 'dept_report': {
      // Whoever heads the department now: a head replaced since the 10th's scan is not sent the old one's report.
      const report = await departmentMonth(repos, school, Number(p.departmentId), recipient.userId, String(p.month), now);
      if (!report) return untied('the head of this department');
      if (!report.summary.totals.lessons) return { action: 'skip', reason: 'no lessons in the month' };
      return {
        action: 'send',
        message: renderDepartmentReport(report, recipient.locale),
        editable: false,
        file: departmentFile(report, school.name),
      };
    }
    default:
      return { action: 'skip', reason: `not a compliance notice: ${record.kind}` };
  }
}

/** A nudge's payload names who pressed «Напомнить»; anything malformed reads as the automatic reminder. */
function askedByOf(v: unknown): { role: NudgeRole; name: string } | null {
  if (!v || typeof v !== 'object') return null;
  const { role, name } = v as Record<string, unknown>;
  if (typeof name !== 'string' || !name || !NUDGE_ROLES.includes(role as NudgeRole)) return null;
  return { role: role as NudgeRole, name };
}

import { computeSummary, escalationLessonsFor, HEAD_ROLE, incomplete, type Period } from '../domain/compliance/index.js';
import type { NotificationRecord, Recipient } from '../domain/outbox/types.js';
import type { Repositories } from '../domain/ports.js';
import { untied, type Composed } from './composed.js';
import { renderEscalation, renderReminder, renderReport } from './templates/compliance.js';

const MINUTE = 60_000;

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
        { date, timezone, deadline: policy.fillDeadline, last: point === 'before' },
        recipient.locale,
      );
      return { action: 'send', message, editable: false };
    }
    case 'escalation': {
      if (!roles.includes('deputy_director') && !roles.includes(HEAD_ROLE)) return untied('a deputy director or head of department');
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
      return { action: 'send', message: renderReport(summary, audience, recipient.locale), editable: false };
    }
    default:
      return { action: 'skip', reason: `not a compliance notice: ${record.kind}` };
  }
}

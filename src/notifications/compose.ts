import type { NotificationRecord, Recipient } from '../domain/outbox/types.js';
import type { Repositories } from '../domain/ports.js';
import { untied, type Composed } from './composed.js';
import { composeCompliance } from './compose-compliance.js';
import { composeTermGrades } from './compose-term-grades.js';
import { composeClassDaily } from './compose-class-daily.js';
import { renderAbsence, renderAbsenceCorrection, renderDigest, renderGrade } from './templates/index.js';
import { renderAbsenceExplained } from './templates/absence-explained.js';

export { untied, type Composed } from './composed.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Re-reads the facts behind a notice at send time and renders what the recipient should
 * see now. A corrected mark is never announced as an absence. The recipient's tie to the
 * matter is read here too; whether it lets the notice go is the domain's decision.
 */
export async function compose(repos: Repositories, record: NotificationRecord, recipient: Recipient, now: Date): Promise<Composed> {
  const p = record.payload as Record<string, unknown>;
  const locale = recipient.locale;
  switch (record.kind) {
    case 'absence': {
      const studentId = Number(p.studentId);
      const date = String(p.date);
      if (!(await repos.deliveryFacts.isGuardian(recipient.userId, studentId))) return untied('a guardian');
      const facts = await repos.deliveryFacts.absences(studentId, date);
      if (!facts) return { action: 'skip', reason: 'student not found' };
      if (facts.lessons.length) return { action: 'send', message: renderAbsence(facts, locale), editable: true };
      if (record.sentAt) return { action: 'send', message: renderAbsenceCorrection(facts.studentName, date, locale), editable: false };
      return { action: 'skip', reason: 'corrected before sending' };
    }
    case 'grade': {
      const grade = await repos.deliveryFacts.grade(Number(p.gradeId));
      if (!grade || grade.deleted) return { action: 'skip', reason: 'grade removed' };
      // The student's own grade reaches their student account as it reaches a guardian.
      const tied = recipient.isStudent
        ? await repos.deliveryFacts.isStudentSelf(recipient.userId, grade.studentId)
        : await repos.deliveryFacts.isGuardian(recipient.userId, grade.studentId);
      if (!tied) return untied(recipient.isStudent ? 'the student' : 'a guardian');
      return { action: 'send', message: renderGrade(grade, locale), editable: false };
    }
    case 'grade_digest': {
      const last = await repos.deliveryFacts.lastDigestSentAt(recipient.userId);
      const floor = new Date(now.getTime() - 2 * DAY_MS);
      const from = last && last > floor ? last : new Date(now.getTime() - DAY_MS);
      const grades = (await repos.deliveryFacts.gradesForDigest(recipient.userId, from, now)).filter((g) => !g.deleted);
      if (!grades.length) return { action: 'skip', reason: 'nothing to report' };
      return { action: 'send', message: renderDigest(grades, String(p.date), locale), editable: false };
    }
    case 'absence_explained': {
      const facts = await repos.family.explanationFacts(Number(p.studentId), String(p.date));
      if (!facts?.explanation || !facts.lessons.length) return { action: 'skip', reason: 'no explained absence any more' };
      if (!facts.classTeacherIds.includes(recipient.userId)) return untied('the class teacher');
      return { action: 'send', message: renderAbsenceExplained({ ...facts, explanation: facts.explanation }, locale), editable: false };
    }
    case 'reminder':
    case 'escalation':
    case 'report':
    case 'dept_report':
      return composeCompliance(repos, record, recipient, now);
    case 'term_reminder':
    case 'term_escalation':
      return composeTermGrades(repos, record, recipient);
    case 'class_daily':
      return composeClassDaily(repos, record, recipient);
    default:
      // Every kind the product writes is rendered above from its facts; an unknown one is recorded, not guessed at.
      return { action: 'skip', reason: `nothing to render for ${record.kind}` };
  }
}

import { termGradeRules } from '../domain/compliance/index.js';
import type { NotificationRecord, Recipient } from '../domain/outbox/types.js';
import type { Repositories } from '../domain/ports.js';
import { untied, type Composed } from './composed.js';
import { renderTermEscalation, renderTermReminder } from './templates/term-grades.js';

/**
 * Term-grade notices re-read the grades at send time, for the local date of their run: a grade
 * entered between the scan and the send drops out, and nothing left means nothing is sent.
 */
export async function composeTermGrades(repos: Repositories, record: NotificationRecord, recipient: Recipient): Promise<Composed> {
  const p = record.payload as Record<string, unknown>;
  const school = await repos.schools.findById(recipient.schoolId);
  if (!school || school.id !== record.schoolId) return { action: 'skip', reason: 'school gone' };
  const date = String(p.date);
  if (record.kind === 'term_reminder') {
    const gaps = await repos.compliance.termGradeGaps(termGradeRules(school, date, 'reminder'), recipient.userId);
    if (!gaps.length) return { action: 'skip', reason: 'every term grade set' };
    return { action: 'send', message: renderTermReminder(gaps, recipient.locale), editable: false };
  }
  const [staff] = await repos.compliance.staffByIds([recipient.userId]);
  if (!staff?.roles.includes('deputy_director')) return untied('a deputy director');
  const gaps = await repos.compliance.termGradeGaps(termGradeRules(school, date, 'overdue'));
  if (!gaps.length) return { action: 'skip', reason: 'every term grade set' };
  return { action: 'send', message: renderTermEscalation(gaps, recipient.locale), editable: false };
}

import { classDailyQuery } from '../domain/class-daily/index.js';
import type { NotificationRecord, Recipient } from '../domain/outbox/types.js';
import type { Repositories } from '../domain/ports.js';
import type { Composed } from './composed.js';
import { renderClassDaily } from './templates/class-daily.js';

/**
 * The class teacher's daily message, read again at send time over the run's window: an absence
 * explained since the scan drops out, and a teacher who no longer leads a class with news gets nothing.
 */
export async function composeClassDaily(repos: Repositories, record: NotificationRecord, recipient: Recipient): Promise<Composed> {
  const p = record.payload as Record<string, unknown>;
  const school = await repos.schools.findById(recipient.schoolId);
  if (!school || school.id !== record.schoolId) return { action: 'skip', reason: 'school gone' };
  const date = String(p.date);
  const since = new Date(String(p.since));
  const until = new Date(String(p.until));
  if (Number.isNaN(since.getTime()) || Number.isNaN(until.getTime())) return { action: 'skip', reason: 'malformed window' };
  const query = { ...classDailyQuery(school, date, null), since, until };
  const news = await repos.classDaily.newsFor(recipient.userId, query);
  if (!news.length) return { action: 'skip', reason: 'nothing to say' };
  return {
    action: 'send',
    message: renderClassDaily(news, { date, absentDays: query.absentDays }, recipient.locale),
    editable: false,
  };
}

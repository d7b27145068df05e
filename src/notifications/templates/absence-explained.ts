import type { ExplanationFacts } from '../../domain/family/types.js';
import type { RenderedMessage } from '../channels/types.js';
import { escapeHtml as e, formatDay, toText, type Locale } from './format.js';

const ANSWER: Record<Locale, Record<'sick' | 'excused' | 'unknown', string>> = {
  ru: { sick: 'болеет', excused: 'уважительная причина', unknown: 'родитель не знает причину' },
  en: { sick: 'sick', excused: 'excused', unknown: 'the parent does not know the reason' },
};

/** To the class teacher: a parent answered the absence notice of a child of the class. */
export function renderAbsenceExplained(facts: ExplanationFacts & { explanation: 'sick' | 'excused' | 'unknown' }, locale: Locale): RenderedMessage {
  const day = formatDay(facts.date, locale);
  const name = e(facts.studentName);
  const lessons = facts.lessons.map((l) => `${l.period ? `${l.period}. ` : ''}${e(l.subject)}`).join(', ');
  const html = locale === 'ru'
    ? `Ответ родителя: <b>${name}</b>, ${day} — <b>${ANSWER.ru[facts.explanation]}</b>.\nПропущенные уроки: ${lessons}.`
    : `A parent answered: <b>${name}</b>, ${day} — <b>${ANSWER.en[facts.explanation]}</b>.\nMissed lessons: ${lessons}.`;
  const subject = locale === 'ru' ? `Причина отсутствия: ${facts.studentName}, ${day}` : `Absence reason: ${facts.studentName}, ${day}`;
  return { subject, html, text: toText(html) };
}

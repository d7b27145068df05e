import type { ExplanationFacts } from '../../domain/family/types.js';
import { formatDayMonth, translator, type Locale } from '../../i18n/index.js';
import type { RenderedMessage } from '../channels/types.js';
import { message } from './index.js';

/** To the class teacher: a parent answered the absence notice of a child of the class. */
export function renderAbsenceExplained(
  facts: ExplanationFacts & { explanation: 'sick' | 'excused' | 'unknown' },
  locale: Locale,
): RenderedMessage {
  const t = translator(locale);
  const day = formatDayMonth(facts.date, locale);
  const name = facts.studentName;
  const lessons = facts.lessons.map((l) => `${l.period ? `${l.period}. ` : ''}${l.subject}`);
  const html = `${t('notice.explained', { name, day, answer: facts.explanation })}\n${t('notice.explained.missed', { lessons })}`;
  return message(t('notice.explained.subject', { name, day }), html);
}

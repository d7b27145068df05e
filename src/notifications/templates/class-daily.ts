import type { ClassNews, NewsSection } from '../../domain/class-daily/types.js';
import { formatDayMonth, htmlToText, translator, type Locale, type Translate } from '../../i18n/index.js';
import type { RenderedMessage } from '../channels/types.js';
import { message } from './index.js';

/** Lines per section of one class: a long list ends with «…и ещё N» (a message holds 4,096 characters). */
const MAX_LINES = 15;
/** Callback data of the class screen («Мой класс», `cl:<groupId>`). */
export const classScreenAddress = (groupId: number) => `cl:${groupId}`;

const HEADS: Record<NewsSection, (t: Translate, n: number, days: number) => string> = {
  absentToday: (t, n) => t('classdaily.absentToday', { n }),
  streak: (t, n, days) => t('classdaily.streak', { n, days }),
  failing: (t, n) => t('classdaily.failing', { n }),
  flag: (t, n) => t('classdaily.flags', { n }),
};

function line(t: Translate, x: ClassNews): string {
  switch (x.section) {
    case 'absentToday':
      return t('classdaily.absentToday.line', { name: x.studentName, lessons: x.lessons ?? 0 });
    case 'streak':
      return t('classdaily.streak.line', { name: x.studentName });
    case 'failing':
      return t('classdaily.failing.line', {
        name: x.studentName,
        subject: x.subject ?? '',
        value: x.value ?? '',
        kind: x.gradeKind ?? 'current',
        term: x.term,
      });
    case 'flag':
      return t('classdaily.flags.line', { name: x.studentName, subject: x.subject ?? '', teacher: x.teacherName ?? '', reason: x.reason! });
  }
}

/** One message per class teacher: a block per class, a section per kind of news, a button per class. */
export function renderClassDaily(news: ClassNews[], ctx: { date: string; absentDays: number }, locale: Locale): RenderedMessage {
  const t = translator(locale);
  const byClass = new Map<number, ClassNews[]>();
  for (const x of news) byClass.set(x.classId, [...(byClass.get(x.classId) ?? []), x]);
  const blocks: string[] = [];
  const buttons: RenderedMessage['buttons'] = [];
  for (const [classId, items] of byClass) {
    const parts = [t('classdaily.class', { name: items[0]!.className })];
    for (const section of ['absentToday', 'streak', 'failing', 'flag'] as const) {
      const list = items.filter((x) => x.section === section);
      if (!list.length) continue;
      const shown = list.slice(0, MAX_LINES).map((x) => line(t, x));
      if (list.length > MAX_LINES) shown.push(t('classdaily.more', { n: list.length - MAX_LINES }));
      parts.push(`${HEADS[section](t, list.length, ctx.absentDays)}\n${shown.join('\n')}`);
    }
    blocks.push(parts.join('\n'));
    buttons.push([
      { text: htmlToText(t('classdaily.open', { name: items[0]!.className })).slice(0, 60), data: classScreenAddress(classId) },
    ]);
  }
  const subject = t('classdaily.subject', { day: formatDayMonth(ctx.date, locale) });
  return message(subject, `<b>${subject}</b>\n\n${blocks.join('\n\n')}`, buttons);
}

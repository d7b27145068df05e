import type { ComplianceLesson, ComplianceSummary } from '../../domain/compliance/index.js';
import type { LessonPart } from '../../domain/schools/policy.js';
import type { RenderedMessage } from '../channels/types.js';
import { escapeHtml as e, formatDay, formatTime, toText, type Locale } from './format.js';
import { lessonsEn, lessonsRu, teachersEn, teachersRu } from './plural.js';

export type MissingLesson = ComplianceLesson & { missing: LessonPart[] };

/** Telegram allows about 100 buttons; a message lists at most this many lessons or teachers. */
const MAX_ITEMS = 30;

const PART: Record<Locale, Record<LessonPart, string>> = {
  ru: { attendance: 'посещаемость', topic: 'тема', homework: 'домашнее задание' },
  en: { attendance: 'attendance', topic: 'topic', homework: 'homework' },
};

const message = (subject: string, html: string, buttons?: RenderedMessage['buttons']): RenderedMessage =>
  ({ subject, html, text: toText(html), buttons: buttons?.length ? buttons : undefined });

function lessonLabel(l: MissingLesson, tz: string, locale: Locale): string {
  const period = l.period ? (locale === 'ru' ? `${l.period}-й урок, ` : `period ${l.period}, `) : '';
  return `${period}${formatTime(l.startsAt, tz)}, ${e(l.groupName)}, ${e(l.subject)}`;
}

const parts = (l: MissingLesson, locale: Locale) => l.missing.map((p) => PART[locale][p]).join(', ');
/** Callback data is at most 64 bytes: `open:<lessonId>`, `nudge:<teacherId>:<yyyymmdd>`. */
const compact = (date: string) => date.replace(/-/g, '');
const deadlineText = (deadline: string, locale: Locale) => (deadline === '24:00' ? (locale === 'ru' ? '24:00 (до полуночи)' : 'midnight') : deadline);

export function renderReminder(
  lessons: MissingLesson[],
  ctx: { date: string; timezone: string; deadline: string; last: boolean },
  locale: Locale,
): RenderedMessage {
  const day = formatDay(ctx.date, locale);
  const shown = lessons.slice(0, MAX_ITEMS);
  const lines = shown.map((l) => `• ${lessonLabel(l, ctx.timezone, locale)} — ${locale === 'ru' ? 'нет' : 'missing'}: ${parts(l, locale)}`);
  if (lessons.length > shown.length) lines.push(locale === 'ru' ? `…и ещё ${lessonsRu(lessons.length - shown.length)}` : `…and ${lessonsEn(lessons.length - shown.length)} more`);
  const count = locale === 'ru' ? lessonsRu(lessons.length) : lessonsEn(lessons.length);
  const head = locale === 'ru'
    ? `${ctx.last ? '⏰ Последнее напоминание. ' : ''}Журнал за ${day} не заполнен: <b>${count}</b>`
    : `${ctx.last ? '⏰ Last reminder. ' : ''}The journal of ${day} is not filled: <b>${count}</b>`;
  const foot = locale === 'ru'
    ? `Срок — ${deadlineText(ctx.deadline, locale)}. Нажмите на урок, чтобы заполнить его.`
    : `Due by ${deadlineText(ctx.deadline, locale)}. Tap a lesson to fill it in.`;
  const buttons = shown.map((l) => [{ text: `${formatTime(l.startsAt, ctx.timezone)} ${l.groupName} ${l.subject}`.slice(0, 60), data: `open:${l.lessonId}` }]);
  const subject = locale === 'ru' ? `Журнал за ${day}: не заполнено ${count}` : `Journal of ${day}: ${count} not filled`;
  return message(subject, `${head}\n${lines.join('\n')}\n\n${foot}`, buttons);
}

export function renderEscalation(
  lessons: MissingLesson[],
  ctx: { date: string; timezone: string; deadline: string },
  locale: Locale,
): RenderedMessage {
  const day = formatDay(ctx.date, locale);
  const byTeacher = new Map<number, MissingLesson[]>();
  for (const l of lessons) byTeacher.set(l.teacherId, [...(byTeacher.get(l.teacherId) ?? []), l]);
  const teachers = [...byTeacher.values()];
  const shown = teachers.slice(0, MAX_ITEMS);
  const blocks = shown.map((list) => {
    const n = locale === 'ru' ? lessonsRu(list.length) : lessonsEn(list.length);
    const items = list.map((l) => `  • ${lessonLabel(l, ctx.timezone, locale)}: ${parts(l, locale)}`);
    return `<b>${e(list[0]!.teacherName)}</b> — ${n}\n${items.join('\n')}`;
  });
  if (teachers.length > shown.length) {
    blocks.push(locale === 'ru' ? `…и ещё ${teachersRu(teachers.length - shown.length)}` : `…and ${teachersEn(teachers.length - shown.length)} more`);
  }
  const head = locale === 'ru'
    ? `Журнал за ${day} не заполнен в срок (${deadlineText(ctx.deadline, locale)}): ${lessonsRu(lessons.length)} у ${teachersRu(teachers.length)}`
    : `The journal of ${day} was not filled by ${deadlineText(ctx.deadline, locale)}: ${lessonsEn(lessons.length)} of ${teachersEn(teachers.length)}`;
  const buttons = shown.map((list) => {
    const [last, first, middle] = list[0]!.teacherName.split(' ');
    const short = `${last ?? ''} ${first ? `${first[0]}.` : ''}${middle ? ` ${middle[0]}.` : ''}`.trim();
    return [{ text: `${locale === 'ru' ? 'Напомнить' : 'Remind'}: ${short}`.slice(0, 60), data: `nudge:${list[0]!.teacherId}:${compact(ctx.date)}` }];
  });
  const subject = locale === 'ru' ? `Журнал за ${day}: не заполнено ${lessonsRu(lessons.length)}` : `Journal of ${day}: ${lessonsEn(lessons.length)} not filled`;
  return message(subject, `${head}\n\n${blocks.join('\n\n')}`, buttons);
}

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

export function renderReport(summary: ComplianceSummary, audience: 'deputy' | 'director', locale: Locale): RenderedMessage {
  const range = summary.period === 'day' ? formatDay(summary.from, locale) : `${formatDay(summary.from, locale)} — ${formatDay(summary.to, locale)}`;
  const title = locale === 'ru'
    ? (summary.period === 'week' ? 'Еженедельный отчёт о заполнении журнала' : audience === 'director' ? 'Итоги месяца: заполнение журнала' : 'Ежемесячный отчёт о своевременности заполнения журнала')
    : (summary.period === 'week' ? 'Weekly journal activity report' : audience === 'director' ? 'Monthly journal summary' : 'Monthly journal timeliness report');
  const t = summary.totals;
  const totals = locale === 'ru'
    ? `Уроков: ${t.lessons}. Вовремя: ${pct(t.onTimeShare)}; с опозданием: ${lessonsRu(t.late)}; не заполнено: ${lessonsRu(t.missing)}.`
    : `Lessons: ${t.lessons}. On time: ${pct(t.onTimeShare)}; late: ${lessonsEn(t.late)}; missing: ${lessonsEn(t.missing)}.`;
  const worst = summary.teachers.filter((x) => x.late + x.missing > 0).slice(0, audience === 'director' ? 5 : 15);
  const lines = worst.map((x, i) => (locale === 'ru'
    ? `${i + 1}. ${e(x.teacherName)} — вовремя ${pct(x.onTimeShare)}, с опозданием ${x.late}, не заполнено ${x.missing}`
    : `${i + 1}. ${e(x.teacherName)} — on time ${pct(x.onTimeShare)}, late ${x.late}, missing ${x.missing}`));
  const body = lines.length
    ? `${locale === 'ru' ? 'Требуют внимания:' : 'Needing attention:'}\n${lines.join('\n')}`
    : (locale === 'ru' ? 'Все учителя заполнили журнал вовремя.' : 'Every teacher filled the journal on time.');
  const more = locale === 'ru' ? 'Полный отчёт: GET /v1/compliance (JSON, CSV).' : 'Full report: GET /v1/compliance (JSON, CSV).';
  return message(`${title}: ${range}`, `<b>${title}</b>\n${range}\n\n${totals}\n\n${body}\n\n${more}`);
}

import type { ComplianceLesson, ComplianceSummary } from '../../domain/compliance/index.js';
import type { LessonPart } from '../../domain/schools/policy.js';
import { formatDayMonth, formatTime, htmlToText, translator, type Locale } from '../../i18n/index.js';
import type { NudgeRole } from '../../i18n/nudge-ru.js';
import { allAsPlannedAddress } from '../../domain/shared/screen-addresses.js';
import type { RenderedMessage } from '../channels/types.js';
import { message as plainAndHtml } from './index.js';

export type MissingLesson = ComplianceLesson & { missing: LessonPart[] };

/** Telegram allows about 100 buttons; a message lists at most this many lessons or teachers. */
const MAX_ITEMS = 30;

const message = (subject: string, html: string, buttons?: RenderedMessage['buttons']): RenderedMessage =>
  plainAndHtml(subject, html, buttons?.length ? buttons : undefined);

/** What the catalogue needs to name a lesson and what it lacks. */
const lessonParams = (l: MissingLesson, tz: string, _locale: Locale) => ({
  period: l.period,
  time: formatTime(l.startsAt, tz),
  group: l.groupName,
  subject: l.subject,
  parts: l.missing,
});

/** Callback data is at most 64 bytes: `open:<lessonId>`, `nudge:<teacherId>:<yyyymmdd>`. */
const compact = (date: string) => date.replace(/-/g, '');

export function renderReminder(
  lessons: MissingLesson[],
  ctx: { date: string; timezone: string; deadline: string; last: boolean; askedBy?: { role: NudgeRole; name: string } | null },
  locale: Locale,
): RenderedMessage {
  const t = translator(locale);
  const day = formatDayMonth(ctx.date, locale);
  const shown = lessons.slice(0, MAX_ITEMS);
  const lines = shown.map((l) => t('notice.reminder.line', lessonParams(l, ctx.timezone, locale)));
  if (lessons.length > shown.length) lines.push(t('notice.reminder.more', { n: lessons.length - shown.length }));
  const asked = ctx.askedBy ? `${t('nudge.from', ctx.askedBy)}\n` : '';
  const head = asked + t('notice.reminder.head', { day, n: lessons.length, last: ctx.last });
  const foot = t('notice.reminder.foot', { deadline: ctx.deadline });
  const buttons = shown.map((l) => [
    { text: `${formatTime(l.startsAt, ctx.timezone)} ${l.groupName} ${l.subject}`.slice(0, 60), data: `open:${l.lessonId}` },
    // The bot checks the lesson again on the tap (a filled part stays, no КТП topic left gets a clear answer).
    { text: t('allplan.btn'), data: allAsPlannedAddress(l.lessonId, 'reminder') },
  ]);
  return message(t('notice.unfilled.subject', { day, n: lessons.length }), `${head}\n${lines.join('\n')}\n\n${foot}`, buttons);
}

export function renderEscalation(
  lessons: MissingLesson[],
  ctx: { date: string; timezone: string; deadline: string },
  locale: Locale,
): RenderedMessage {
  const t = translator(locale);
  const day = formatDayMonth(ctx.date, locale);
  const byTeacher = new Map<number, MissingLesson[]>();
  for (const l of lessons) byTeacher.set(l.teacherId, [...(byTeacher.get(l.teacherId) ?? []), l]);
  const teachers = [...byTeacher.values()];
  const shown = teachers.slice(0, MAX_ITEMS);
  const blocks = shown.map((list) => {
    const items = list.map((l) => t('notice.escalation.item', lessonParams(l, ctx.timezone, locale)));
    const departed = list[0]!.teacherActive ? '' : t('staff.departed');
    return `${t('notice.escalation.teacher', { name: list[0]!.teacherName, n: list.length })}${departed}\n${items.join('\n')}`;
  });
  if (teachers.length > shown.length) blocks.push(t('notice.escalation.more', { n: teachers.length - shown.length }));
  const head = t('notice.escalation.head', { day, deadline: ctx.deadline, lessons: lessons.length, teachers: teachers.length });
  // Nobody to remind for a departed teacher: the block says to hand the lessons over instead.
  const buttons = shown
    .filter((list) => list[0]!.teacherActive)
    .map((list) => {
      const [last, first, middle] = list[0]!.teacherName.split(' ');
      const short = `${last ?? ''} ${first ? `${first[0]}.` : ''}${middle ? ` ${middle[0]}.` : ''}`.trim();
      return [
        {
          text: htmlToText(t('notice.escalation.remind', { name: short })).slice(0, 60),
          data: `nudge:${list[0]!.teacherId}:${compact(ctx.date)}`,
        },
      ];
    });
  return message(t('notice.unfilled.subject', { day, n: lessons.length }), `${head}\n\n${blocks.join('\n\n')}`, buttons);
}

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

export function renderReport(summary: ComplianceSummary, audience: 'deputy' | 'director', locale: Locale): RenderedMessage {
  const t = translator(locale);
  const range =
    summary.period === 'day'
      ? formatDayMonth(summary.from, locale)
      : `${formatDayMonth(summary.from, locale)} — ${formatDayMonth(summary.to, locale)}`;
  const title = t('notice.report.title', { period: summary.period, audience });
  const tot = summary.totals;
  const totals = t('notice.report.totals', { lessons: tot.lessons, onTime: pct(tot.onTimeShare), late: tot.late, missing: tot.missing });
  // The attached PDF lists every teacher; the text names the worst few and stays within a caption.
  const worst = summary.teachers.filter((x) => x.late + x.missing > 0).slice(0, audience === 'director' ? 5 : 10);
  const lines = worst.map((x, i) =>
    t('notice.report.teacher', { i: i + 1, name: x.teacherName, onTime: pct(x.onTimeShare), late: x.late, missing: x.missing }),
  );
  const body = lines.length ? `${t('notice.report.attention')}\n${lines.join('\n')}` : t('notice.report.allOnTime');
  return message(`${title}: ${range}`, `<b>${title}</b>\n${range}\n\n${totals}\n\n${body}\n\n${t('deptpdf.attached')}`);
}

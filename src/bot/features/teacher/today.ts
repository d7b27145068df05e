import { Composer, InlineKeyboard } from 'grammy';
import type { DayLesson } from '../../../domain/journal/index.js';
import { addLocalDays, instantAt, localDateOf, type LocalDate } from '../../../domain/shared/dates.js';
import type { BotContext } from '../../context.js';
import { formatDay, formatTime, type Translate } from '../../../i18n/index.js';
import { menuTrigger } from '../menu.js';
import { pressHandler, quietEdit, staffPrincipals, type TeacherDeps } from './acting.js';
import { cb, parseDay, PATTERNS } from './callback-data.js';
import { parseTypedDate, TYPED_DATE } from './typed-date.js';

/** How far back «Другой день» offers days: the edit window is usually a day or two; older days are read-only. */
const PICKER_DAYS = 7;

function stateOf(t: Translate, lesson: DayLesson, now: Date): string {
  if (lesson.status === 'cancelled') return t('teacher.state.cancelled');
  const lock = lesson.editable.editable ? '' : ` ${t('teacher.state.readOnly')}`;
  if (!lesson.missing.length) return t('teacher.state.done') + lock;
  if (lesson.startsAt > now) return t('teacher.state.notStarted');
  const parts = lesson.missing.map((p) => t(`teacher.part.${p}`)).join(', ');
  return t('teacher.state.missing', { parts }) + lock;
}

async function lessonsOf(ctx: BotContext, deps: TeacherDeps, date: LocalDate): Promise<DayLesson[]> {
  const lists = await Promise.all(staffPrincipals(ctx.users).map((p) => deps.journal.lessonsForDay(p, date)));
  return lists.flat().sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The day's lessons, one button each, and a step to the neighbouring days. */
export async function renderDay(ctx: BotContext, deps: TeacherDeps, date: LocalDate) {
  const t = ctx.t;
  const now = deps.clock.now();
  const dayName = formatDay(instantAt(date, '12:00', ctx.timezone), ctx.timezone, ctx.locale);
  const lessons = await lessonsOf(ctx, deps, date);
  const today = localDateOf(now, ctx.timezone);
  const kb = new InlineKeyboard();
  const lines = [t('teacher.day.title', { day: dayName })];
  if (!lessons.length) lines[0] = t('teacher.day.none', { day: dayName });
  lessons.forEach((l, i) => {
    const time = formatTime(l.startsAt, ctx.timezone);
    const line = t('teacher.day.line', {
      n: i + 1,
      time,
      group: l.groupName,
      subject: l.subjectName,
      state: stateOf(t, l, now),
      sub: l.isSubstitute,
    });
    lines.push(line);
    // Button labels are plain text (no HTML), so the names go in unescaped.
    kb.text(`${i + 1}. ${time} ${l.groupName}, ${l.subjectName}`, cb.card(l.lessonId)).row();
  });
  if (lessons.length) lines.push('', t('teacher.day.openHint'));
  kb.text(t('teacher.btn.prevDay'), cb.day(addLocalDays(date, -1)));
  if (date !== today) kb.text(t('teacher.btn.today'), cb.day(today));
  if (date < today) kb.text(t('teacher.btn.nextDay'), cb.day(addLocalDays(date, 1)));
  return { text: lines.join('\n'), keyboard: kb };
}

/**
 * «Сегодня» lists today's lessons; «Другой день» offers the last days, and a typed date («12.10»)
 * opens any day; `d1:<date>` shows one day in place.
 */
export function todayFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();
  const staff = composer.filter((ctx) => staffPrincipals(ctx.users).length > 0);

  staff.hears(menuTrigger('today'), async (ctx) => {
    const day = await renderDay(ctx, deps, localDateOf(deps.clock.now(), ctx.timezone));
    await ctx.reply(day.text, { parse_mode: 'HTML', reply_markup: day.keyboard });
  });

  staff.hears(menuTrigger('otherDay'), async (ctx) => {
    const today = localDateOf(deps.clock.now(), ctx.timezone);
    const kb = new InlineKeyboard();
    for (let i = 1; i <= PICKER_DAYS; i++) {
      const date = addLocalDays(today, -i);
      const label = i === 1 ? ctx.t('teacher.btn.yesterday') : formatDay(instantAt(date, '12:00', ctx.timezone), ctx.timezone, ctx.locale);
      kb.text(label, cb.day(date));
      if (i % 2 === 1 && i < PICKER_DAYS) kb.row();
    }
    await ctx.reply(ctx.t('teacher.day.pick'), { reply_markup: kb });
  });

  staff.hears(TYPED_DATE, async (ctx) => {
    const date = parseTypedDate(ctx.msg.text ?? '', localDateOf(deps.clock.now(), ctx.timezone));
    if (!date) {
      await ctx.reply(ctx.t('teacher.day.badDate'));
      return;
    }
    const day = await renderDay(ctx, deps, date);
    await ctx.reply(day.text, { parse_mode: 'HTML', reply_markup: day.keyboard });
  });

  staff.callbackQuery(
    PATTERNS.day,
    pressHandler(async (ctx) => {
      const date = parseDay(ctx.match[1]!);
      if (!date) return ctx.t('teacher.refused.stale');
      const day = await renderDay(ctx, deps, date);
      await quietEdit(ctx.editMessageText(day.text, { parse_mode: 'HTML', reply_markup: day.keyboard }));
    }),
  );
  return composer;
}

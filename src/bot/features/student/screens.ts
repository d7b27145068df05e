import { Composer, InlineKeyboard } from 'grammy';
import { ConsentRequiredError, StudentConsentRequiredError, type ChildView } from '../../../domain/family/index.js';
import { addLocalDays } from '../../../domain/shared/dates.js';
import { NotFoundError } from '../../../domain/shared/errors.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import type { BotFamily } from '../../deps.js';
import { followUpKeyboard } from '../../link-account.js';
import { ID } from '../callback-id.js';
import { menuTrigger } from '../menu.js';
import { periodData, renderPeriod } from '../parent/period-render.js';
import { asAnyReader } from '../parent/principals.js';
import { renderView } from '../parent/render.js';
import { studentOrExplain } from './self.js';

type DayKind = 'today' | 'tomorrow';
const refused = (err: unknown) =>
  err instanceof NotFoundError || err instanceof ConsentRequiredError || err instanceof StudentConsentRequiredError;
const compact = (date: string) => date.replaceAll('-', '');
/** `sd:<studentId>:t|m` a day (today, tomorrow); `sw:<studentId>[:<yyyymmdd>]` the week holding that date. */
const dayData = (id: number, kind: DayKind) => `sd:${id}:${kind === 'today' ? 't' : 'm'}`;
const weekData = (id: number, date?: string) => (date ? `sw:${id}:${compact(date)}` : `sw:${id}`);
const DAY = new RegExp(`^sd:${ID}:([tm])$`);
const WEEK = new RegExp(`^sw:${ID}(?::(\\d{4})(\\d{2})(\\d{2}))?$`);

function dayKeyboard(ctx: BotContext, id: number, kind: DayKind): InlineKeyboard {
  const other: DayKind = kind === 'today' ? 'tomorrow' : 'today';
  return new InlineKeyboard()
    .text(ctx.t(other === 'today' ? 'menu.studentToday' : 'menu.studentTomorrow'), dayData(id, other))
    .text(ctx.t('menu.studentWeek'), weekData(id))
    .row()
    .text(ctx.t('student.grades'), periodData(id));
}

function weekKeyboard(ctx: BotContext, view: ChildView): InlineKeyboard {
  const id = view.student.id;
  return new InlineKeyboard()
    .text(ctx.t('student.weekPrev'), weekData(id, addLocalDays(view.from, -7)))
    .text(ctx.t('student.weekNext'), weekData(id, addLocalDays(view.from, 7)))
    .row()
    .text(ctx.t('menu.studentToday'), dayData(id, 'today'))
    .text(ctx.t('student.grades'), periodData(id));
}

/**
 * The student's own screens: today and tomorrow (timetable with rooms, homework, the day's
 * marks), the week with ‹ › and the period's grades (the parents' period screen, the student as
 * the principal). Menu buttons act as the student's own account; the ids in inline buttons are
 * untrusted and checked by the service: another student's id gets one short answer, nothing shown.
 */
export function studentScreensFeature(family: BotFamily) {
  const composer = new Composer<BotContext>();
  const day = (p: Principal, id: number, kind: DayKind) => (kind === 'today' ? family.childDay(p, id) : family.childTomorrow(p, id));

  async function showDay(ctx: BotContext, kind: DayKind) {
    const me = await studentOrExplain(family, ctx);
    if (!me) return;
    const view = await day(me.principal, me.self.studentId, kind);
    await ctx.reply(renderView(ctx.t, ctx.locale, view, 'day'), {
      parse_mode: 'HTML',
      reply_markup: dayKeyboard(ctx, view.student.id, kind),
    });
  }
  composer.hears(menuTrigger('studentToday'), (ctx) => showDay(ctx, 'today'));
  composer.hears(menuTrigger('studentTomorrow'), (ctx) => showDay(ctx, 'tomorrow'));
  composer.hears(menuTrigger('studentWeek'), async (ctx) => {
    const me = await studentOrExplain(family, ctx);
    if (!me) return;
    const view = await family.childWeek(me.principal, me.self.studentId);
    await ctx.reply(renderView(ctx.t, ctx.locale, view, 'week'), { parse_mode: 'HTML', reply_markup: weekKeyboard(ctx, view) });
  });
  composer.hears(menuTrigger('studentGrades'), async (ctx) => {
    const me = await studentOrExplain(family, ctx);
    if (!me) return;
    const screen = renderPeriod(ctx.t, await family.childPeriod(me.principal, me.self.studentId));
    await ctx.reply(screen.html, { parse_mode: 'HTML', reply_markup: followUpKeyboard(screen) });
  });

  async function gone(ctx: BotContext) {
    await ctx.answerCallbackQuery({ text: ctx.t('student.gone') });
    await ctx.reply(ctx.t('student.gone'));
  }
  composer.callbackQuery(/^sd:/, async (ctx) => {
    const m = DAY.exec(ctx.callbackQuery.data);
    const kind: DayKind = m?.[2] === 'm' ? 'tomorrow' : 'today';
    const view = m ? await asAnyReader(ctx, (p) => day(p, Number(m[1]), kind), refused) : null;
    if (!view) return gone(ctx);
    await ctx.answerCallbackQuery();
    await ctx.reply(renderView(ctx.t, ctx.locale, view, 'day'), {
      parse_mode: 'HTML',
      reply_markup: dayKeyboard(ctx, view.student.id, kind),
    });
  });
  composer.callbackQuery(/^sw:/, async (ctx) => {
    const m = WEEK.exec(ctx.callbackQuery.data);
    const date = m?.[2] ? `${m[2]}-${m[3]}-${m[4]}` : undefined;
    const view = m ? await asAnyReader(ctx, (p) => family.childWeek(p, Number(m[1]), date), refused) : null;
    if (!view) return gone(ctx);
    await ctx.answerCallbackQuery();
    await ctx.reply(renderView(ctx.t, ctx.locale, view, 'week'), { parse_mode: 'HTML', reply_markup: weekKeyboard(ctx, view) });
  });
  return composer;
}

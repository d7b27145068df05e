import { Composer, InlineKeyboard } from 'grammy';
import type { LinkedUser } from '../../../domain/access/types.js';
import { ForbiddenError, NotFoundError, type DomainError } from '../../../domain/shared/errors.js';
import type { Role } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import type { BotClassJournal, BotFamily } from '../../deps.js';
import { buttonHandler, principalOf, quietEdit, Refusal, type PressContext } from '../buttons.js';
import { ID } from '../callback-id.js';
import { menuTrigger } from '../menu.js';
import { cj, parsePress, type Press } from './callback-data.js';
import { classMenuKeyboard, type Buttons } from './menu-keyboard.js';
import type { Screen } from './pages.js';
import { renderOverview } from './parents.js';
import { renderAbsences, renderDay } from './render-attendance.js';
import { renderGrades, renderRisk, renderSheet } from './render-grades.js';

export { classMenuKeyboard } from './menu-keyboard.js';

/** Besides class teachers, the school administration may open any class of its school (the service decides). */
const STAFF: readonly Role[] = ['class_teacher', 'administrator', 'director', 'deputy_director'];

export interface ClassTeacherDeps {
  family: BotFamily;
  classJournal: BotClassJournal;
}

/**
 * Runs `fn` as each staff user linked to this chat until one may see the class: a Telegram
 * account may be linked to users of two schools. Forbidden (a class of the school led by
 * someone else) wins over missing in the answer.
 */
async function asStaff<T>(ctx: BotContext, fn: (user: LinkedUser) => Promise<T>): Promise<T> {
  let refusal: DomainError | null = null;
  const staff = ctx.users.filter((u) => u.roles.some((r) => STAFF.includes(r)));
  for (const user of staff) {
    try {
      return await fn(user);
    } catch (err) {
      if (!(err instanceof NotFoundError || err instanceof ForbiddenError)) throw err;
      if (!refusal || err instanceof ForbiddenError) refusal = err;
    }
  }
  // With no staff user linked (a parent pressing a forged button) the class is simply not theirs.
  throw refusal ?? new ForbiddenError();
}

function screenOf(deps: ClassTeacherDeps, ctx: BotContext, press: Press) {
  const { t, locale } = ctx;
  const g = press.groupId;
  return asStaff(ctx, async (user): Promise<Screen> => {
    const p = principalOf(user);
    switch (press.screen) {
      case 'd':
        return renderDay(t, locale, await deps.classJournal.classDay(p, g, press.date));
      case 'w':
      case 'n':
        return renderAbsences(t, locale, await deps.classJournal.classAbsences(p, g, press.screen === 'w' ? 'week' : 'month', press.date));
      case 'g':
        return renderGrades(t, await deps.classJournal.classGrades(p, g));
      case 's':
        return renderSheet(t, await deps.classJournal.classSheet(p, g, press.subjectId!));
      case 'r':
        return renderRisk(t, await deps.classJournal.classRisk(p, g));
      case 'p':
        return renderOverview(t, await deps.family.classOverview(p, g));
      default: {
        const group = await deps.classJournal.classHeader(p, g);
        return { pages: [t('cj.menu', { group: group.name })], buttons: classMenuKeyboard(t, g) };
      }
    }
  });
}

const keyboard = (buttons: Buttons) => InlineKeyboard.from(buttons.map((row) => row.map((b) => InlineKeyboard.text(b.text, b.data))));

/**
 * A one-message screen replaces the message whose button was pressed (navigation in place);
 * a longer one arrives as new messages, the buttons under the last.
 */
async function show(ctx: BotContext, screen: Screen, inPlace: boolean): Promise<void> {
  const markup = { parse_mode: 'HTML' as const, reply_markup: keyboard(screen.buttons) };
  const [only, ...more] = screen.pages;
  if (inPlace && only !== undefined && !more.length && ctx.callbackQuery?.message) {
    return quietEdit(ctx.editMessageText(only, markup));
  }
  for (const [i, page] of screen.pages.entries()) await ctx.reply(page, i === screen.pages.length - 1 ? markup : { parse_mode: 'HTML' });
}

const refusalKey = (err: DomainError) => (err instanceof ForbiddenError ? 'cj.forbidden' : 'cj.gone');

/**
 * «Мой класс»: the class teacher's class journal. The button opens the class menu (a chooser
 * first for a teacher of several classes); every screen is a press with the group id, checked
 * by the service against the presser.
 */
export function classTeacherFeature(deps: ClassTeacherDeps) {
  const composer = new Composer<BotContext>();
  const teachers = (ctx: BotContext) => ctx.users.filter((u) => u.roles.includes('class_teacher'));

  async function entry(ctx: BotContext) {
    const groups = (await Promise.all(teachers(ctx).map((u) => deps.family.myClasses(principalOf(u))))).flat();
    if (!groups.length) return void (await ctx.reply(ctx.t('class.none')));
    if (groups.length === 1) return show(ctx, await screenOf(deps, ctx, { screen: 'm', groupId: groups[0]!.id }), false);
    await ctx.reply(ctx.t('class.choose'), {
      reply_markup: keyboard(groups.map((g) => [{ text: g.name, data: cj.menu(g.id) }])),
    });
  }

  const press = (parse: (ctx: PressContext) => Press | null) =>
    buttonHandler('class journal', refusalKey, async (ctx) => {
      const p = parse(ctx);
      if (!p) throw new Refusal('cj.gone');
      await show(ctx, await screenOf(deps, ctx, p), true);
    });

  composer.hears(menuTrigger('myClass'), entry);
  composer.command('class', entry);
  composer.callbackQuery(
    /^cj:/,
    press((ctx) => parsePress(ctx.callbackQuery!.data!)),
  );
  // The chooser of earlier versions: its buttons still open the class.
  composer.callbackQuery(
    new RegExp(`^cl:${ID}$`),
    press((ctx) => ({ screen: 'm', groupId: Number(ctx.match[1]) })),
  );
  return composer;
}

import { Composer, InlineKeyboard } from 'grammy';
import { ConsentRequiredError, StudentConsentRequiredError } from '../../../domain/family/index.js';
import type { Child } from '../../../domain/family/types.js';
import { NotFoundError } from '../../../domain/shared/errors.js';
import type { BotContext } from '../../context.js';
import type { BotFamily } from '../../deps.js';
import { ID } from '../callback-id.js';
import { menuTrigger, showMenu } from '../menu.js';
import { sendConsentPrompt } from './consent-prompt.js';
import { asAnyReader, consentSplit, principalOf } from './principals.js';
import { periodData } from './period-render.js';
import { renderView } from './render.js';

const notMine = (err: unknown) =>
  err instanceof NotFoundError || err instanceof ConsentRequiredError || err instanceof StudentConsentRequiredError;

/** Every child of every consenting parent account of this Telegram user, in one list. */
export async function showChildren(family: BotFamily, ctx: BotContext): Promise<void> {
  const { parents, consented } = await consentSplit(family, ctx.users);
  // A student's «back» from the period screen lands on their menu.
  if (!parents.length)
    return ctx.users.some((u) => u.roles.includes('student')) ? showMenu(ctx) : void (await ctx.reply(ctx.t('error.forbidden')));
  if (!consented.length) return sendConsentPrompt(ctx, ctx.t('consent.required'));
  const children: Child[] = (await Promise.all(consented.map((u) => family.children(principalOf(u))))).flat();
  if (!children.length) {
    const left = (await Promise.all(consented.map((u) => family.hasFormerChildren(principalOf(u))))).some(Boolean);
    return void (await ctx.reply(ctx.t(left ? 'children.allLeft' : 'children.none')));
  }
  const lines = children.map((c) =>
    ctx.t('children.line', {
      name: `${c.lastName} ${c.firstName}`,
      groups: c.groups.map((g) => g.name).join(', '),
      school: c.schoolName,
    }),
  );
  const keyboard = new InlineKeyboard();
  for (const c of children)
    keyboard
      .text(ctx.t('children.today', { name: c.firstName }), `pc:d:${c.studentId}`)
      .text(ctx.t('children.week'), `pc:w:${c.studentId}`)
      .text(ctx.t('period.btn.list'), periodData(c.studentId))
      .row();
  keyboard.text(ctx.t('children.settings'), 'st:show');
  await ctx.reply([ctx.t('children.title', { n: children.length }), ...lines].join('\n'), { parse_mode: 'HTML', reply_markup: keyboard });
}

export function childrenFeature(family: BotFamily) {
  const composer = new Composer<BotContext>();
  composer.hears(menuTrigger('children'), (ctx) => showChildren(family, ctx));
  composer.command('children', (ctx) => showChildren(family, ctx));
  composer.callbackQuery('pc:list', async (ctx) => {
    await ctx.answerCallbackQuery();
    await showChildren(family, ctx);
  });
  // The student id comes from a button: it is checked as the presser's own child with consent.
  composer.callbackQuery(new RegExp(`^pc:(d|w):${ID}$`), async (ctx) => {
    const kind = ctx.match[1] === 'd' ? 'day' : 'week';
    const studentId = Number(ctx.match[2]);
    const view = await asAnyReader(ctx, (p) => (kind === 'day' ? family.childDay(p, studentId) : family.childWeek(p, studentId)), notMine);
    await ctx.answerCallbackQuery();
    if (!view) return showChildren(family, ctx);
    const keyboard = new InlineKeyboard()
      .text(
        kind === 'day' ? ctx.t('children.week') : ctx.t('children.today', { name: view.student.firstName }),
        `pc:${kind === 'day' ? 'w' : 'd'}:${studentId}`,
      )
      .row()
      .text(ctx.t('period.btn.open'), periodData(studentId))
      .row()
      .text(ctx.t('children.back'), 'pc:list');
    await ctx.reply(renderView(ctx.t, ctx.locale, view, kind), { parse_mode: 'HTML', reply_markup: keyboard });
  });
  return composer;
}

import { Composer } from 'grammy';
import { fullName, looksLikeCode, normaliseCode } from '../../domain/access/codes.js';
import type { BotContext } from '../context.js';
import type { AfterLink, BotAccess } from '../deps.js';
import { translator } from '../../i18n/index.js';
import { followUpKeyboard, linkChat, outcomeText } from '../link-account.js';
import { showMenu } from './menu.js';

/**
 * /start with a code (typed or from a t.me deep link) links the account; without one it asks
 * for the code. In a chat not linked yet, a message that looks like a code (its length and
 * alphabet, after forgiving case, spaces and dashes) is taken as one wherever it comes: no
 * waiting conversation, so nothing typed is kept in the chat's stored state, and ordinary text
 * never counts as a guess (it gets the "send /start and the code" answer of the fallback).
 */
export function startFeature(deps: { access: BotAccess; afterLink?: AfterLink }) {
  const composer = new Composer<BotContext>();

  async function link(ctx: BotContext, code: string) {
    const outcome = await linkChat(deps.access, ctx, code);
    if (outcome.kind !== 'linked') return void (await ctx.reply(outcomeText(ctx.t, outcome), { parse_mode: 'HTML' }));
    ctx.users = outcome.users;
    ctx.locale = outcome.users[0]?.locale ?? ctx.locale;
    ctx.t = translator(ctx.locale);
    ctx.timezone = outcome.users[0]?.timezone ?? ctx.timezone;
    await showMenu(ctx, outcomeText(ctx.t, outcome));
    const follow = await deps.afterLink?.({ users: ctx.users, locale: ctx.locale });
    if (follow) await ctx.reply(follow.html, { parse_mode: 'HTML', reply_markup: followUpKeyboard(follow) });
  }

  composer.command('start', async (ctx) => {
    const code = ctx.match.trim();
    if (!code) {
      if (ctx.users.length) {
        const names = ctx.users.map((u) => `${fullName(u)} (${u.schoolName})`).join(', ');
        return showMenu(ctx, ctx.t('start.already', { names }));
      }
      return void (await ctx.reply(ctx.t('start.welcome'), { parse_mode: 'HTML' }));
    }
    await ctx.conversation.exitAll();
    await link(ctx, code);
  });
  composer.on('message:text').filter(
    (ctx) => !ctx.users.length && looksLikeCode(normaliseCode(ctx.message.text)),
    (ctx) => link(ctx, ctx.message.text),
  );
  return composer;
}

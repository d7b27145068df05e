import { createConversation } from '@grammyjs/conversations';
import { Composer } from 'grammy';
import { fullName } from '../../domain/access/codes.js';
import type { BotContext, ConversationContext } from '../context.js';
import { ENTER_CODE, enterCodeConversation } from '../conversations/enter-code.js';
import type { AfterLink, BotAccess } from '../deps.js';
import { translator } from '../../i18n/index.js';
import { followUpKeyboard, linkAndKeepLocale, outcomeText } from '../link-account.js';
import { showMenu } from './menu.js';

const DAY_MS = 86_400_000;

/** /start with a code (typed or from a t.me deep link) links the account; without one it asks for the code. */
export function startFeature(deps: { access: BotAccess; afterLink?: AfterLink }) {
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BotContext, ConversationContext>(enterCodeConversation(deps), { id: ENTER_CODE, maxMillisecondsToWait: DAY_MS }));

  composer.command('start', async (ctx) => {
    const code = ctx.match.trim();
    if (!code) {
      if (ctx.users.length) {
        const names = ctx.users.map((u) => `${fullName(u)} (${u.schoolName})`).join(', ');
        return showMenu(ctx, ctx.t('start.already', { names }));
      }
      await ctx.conversation.exitAll();
      return ctx.conversation.enter(ENTER_CODE, { greet: true });
    }
    await ctx.conversation.exitAll();
    const outcome = await linkAndKeepLocale(deps.access, ctx, code);
    if (outcome.kind === 'linked') {
      ctx.users = outcome.users;
      ctx.locale = outcome.users[0]?.locale ?? ctx.locale;
      ctx.t = translator(ctx.locale);
      ctx.timezone = outcome.users[0]?.timezone ?? ctx.timezone;
      await showMenu(ctx, outcomeText(ctx.t, outcome));
      const follow = await deps.afterLink?.({ users: ctx.users, locale: ctx.locale });
      if (follow) await ctx.reply(follow.html, { parse_mode: 'HTML', reply_markup: followUpKeyboard(follow) });
      return;
    }
    await ctx.reply(outcomeText(ctx.t, outcome), { parse_mode: 'HTML' });
    // A mistyped deep link should not force another /start: the next message is taken as the code.
    if (outcome.kind !== 'locked' && !ctx.users.length) await ctx.conversation.enter(ENTER_CODE, { greet: false });
  });
  return composer;
}

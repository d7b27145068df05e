import type { Conversation } from '@grammyjs/conversations';
import type { BotContext, ConversationContext } from '../context.js';
import type { AfterLink, BotAccess } from '../deps.js';
import { menuKeyboard } from '../features/menu.js';
import { followUpKeyboard, linkAndKeepLocale, outcomeText } from '../link-account.js';

export const ENTER_CODE = 'enter-code';

/**
 * Asks for the access code until it links, the chat is locked out, or the person sends a
 * command (which then runs as usual). Redeeming happens in `external`: it touches the
 * database and must not run again on replay.
 */
export function enterCodeConversation(deps: { access: BotAccess; afterLink?: AfterLink }) {
  return async function enterCode(conversation: Conversation<BotContext, ConversationContext>, ctx: ConversationContext, opts: { greet: boolean }) {
    if (opts.greet) await ctx.reply(ctx.t('start.welcome'), { parse_mode: 'HTML' });
    for (;;) {
      const answer = await conversation.waitFor('message:text');
      const text = answer.message.text;
      if (text.startsWith('/')) await conversation.halt({ next: true });
      const outcome = await conversation.external((outer) => linkAndKeepLocale(deps.access, outer, text));
      if (outcome.kind === 'linked') {
        const roles = [...new Set(outcome.users.flatMap((u) => u.roles))];
        await answer.reply(outcomeText(answer.t, outcome), { parse_mode: 'HTML', reply_markup: menuKeyboard(answer.t, roles) });
        const locale = outcome.users[0]?.locale ?? answer.locale;
        const follow = deps.afterLink ? await conversation.external(() => deps.afterLink!({ users: outcome.users, locale })) : null;
        if (follow) await answer.reply(follow.html, { parse_mode: 'HTML', reply_markup: followUpKeyboard(follow) });
        return;
      }
      await answer.reply(outcomeText(answer.t, outcome), { parse_mode: 'HTML' });
      if (outcome.kind === 'locked') return;
    }
  };
}

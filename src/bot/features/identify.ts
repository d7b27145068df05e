import { Composer } from 'grammy';
import type { Logger } from 'pino';
import type { BotContext } from '../context.js';
import type { BotAccess } from '../deps.js';
import { translator } from '../i18n/index.js';

const DEFAULT_TIMEZONE = 'Europe/Moscow';

/** Who is writing: the linked school users (fresh from the database on every update), language, logger. */
export function identifyFeature(deps: { access: BotAccess; logger: Logger }) {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx, next) => {
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id });
    // Emulated and channel updates may lack `from`; in a private chat the chat id is the user id.
    const telegramUserId = ctx.from?.id ?? (ctx.chat?.type === 'private' ? ctx.chat.id : undefined);
    ctx.users = telegramUserId === undefined ? [] : await deps.access.identify(telegramUserId);
    ctx.locale = ctx.users[0]?.locale ?? ctx.session.locale ?? 'ru';
    ctx.timezone = ctx.users[0]?.timezone ?? DEFAULT_TIMEZONE;
    ctx.t = translator(ctx.locale);
    await next();
  });
  return composer;
}

export function telegramUserIdOf(ctx: { from?: { id: number }; chat?: { id: number; type: string } }): number | undefined {
  return ctx.from?.id ?? (ctx.chat?.type === 'private' ? ctx.chat.id : undefined);
}

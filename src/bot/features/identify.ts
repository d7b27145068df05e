import type { MiddlewareFn } from 'grammy';
import type { Logger } from 'pino';
import type { BotContext } from '../context.js';
import type { BotAccess, Messenger } from '../deps.js';
import type { ChatIdentity } from '../../domain/access/types.js';
import { translator } from '../../i18n/index.js';

const DEFAULT_TIMEZONE = 'Europe/Moscow';
const NOBODY: ChatIdentity = { users: [], locale: null };

/**
 * Who is writing: the linked school users (fresh from the database on every update) and the
 * language, the linked users' or else the one the account chose before linking, both from one
 * query; the school's timezone and a logger. `prefetch` starts the chat's conversation-state
 * read beside it, so the two travel to the database together.
 */
export function identifyFeature(deps: {
  access: BotAccess;
  logger: Logger;
  prefetch?: (chatKey: string) => Promise<unknown>;
  messenger?: Messenger;
}): MiddlewareFn<BotContext> {
  const messenger = deps.messenger ?? 'telegram';
  return async (ctx, next) => {
    ctx.messenger = messenger;
    const telegramUserId = telegramUserIdOf(ctx);
    const state = ctx.chat && deps.prefetch ? deps.prefetch(ctx.chat.id.toString()) : undefined;
    // Should identification fail first, the prefetch's own failure must not go unhandled.
    state?.catch(() => {});
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id });
    const identity = telegramUserId === undefined ? NOBODY : await deps.access.identifyChat(telegramUserId);
    ctx.users = identity.users;
    ctx.closedBy = identity.closedBy ?? null;
    ctx.locale = ctx.users[0]?.locale ?? identity.locale ?? 'ru';
    ctx.timezone = ctx.users[0]?.timezone ?? DEFAULT_TIMEZONE;
    ctx.t = translator(ctx.locale);
    await next();
  };
}

/** Emulated and channel updates may lack `from`; in a private chat the chat id is the user id. */
export function telegramUserIdOf(ctx: { from?: { id: number }; chat?: { id: number; type: string } }): number | undefined {
  return ctx.from?.id ?? (ctx.chat?.type === 'private' ? ctx.chat.id : undefined);
}

import { Composer } from 'grammy';
import type { Logger } from 'pino';
import type { BotContext } from '../context.js';
import type { BotAccess } from '../deps.js';
import { translator } from '../../i18n/index.js';

const DEFAULT_TIMEZONE = 'Europe/Moscow';

type Users = BotContext['users'];

/**
 * Who is writing: the linked school users (fresh from the database on every update), language,
 * logger. Two steps around the session: `lookup`, installed before the session middleware,
 * starts reading the users, so that read and the session's read travel to the database
 * together (one round trip less on every update that is not a stateless tap); `apply`, after
 * it, waits for the users and sets the language, which falls back to the session's.
 */
export function identifyFeature(deps: { access: BotAccess; logger: Logger }) {
  const pending = new WeakMap<object, Promise<Users>>();
  const usersOf = (ctx: BotContext): Promise<Users> => {
    const telegramUserId = telegramUserIdOf(ctx);
    return telegramUserId === undefined ? Promise.resolve([]) : deps.access.identify(telegramUserId);
  };
  const lookup = new Composer<BotContext>();
  lookup.use(async (ctx, next) => {
    const users = usersOf(ctx);
    // Should the session fail first, this read's own failure must not go unhandled: it is
    // awaited (and thrown) in `apply` when the update gets that far.
    users.catch(() => {});
    pending.set(ctx, users);
    await next();
  });
  const apply = new Composer<BotContext>();
  apply.use(async (ctx, next) => {
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id });
    ctx.users = await (pending.get(ctx) ?? usersOf(ctx));
    ctx.locale = ctx.users[0]?.locale ?? ctx.session.locale ?? 'ru';
    ctx.timezone = ctx.users[0]?.timezone ?? DEFAULT_TIMEZONE;
    ctx.t = translator(ctx.locale);
    await next();
  });
  return { lookup, apply };
}

/** Emulated and channel updates may lack `from`; in a private chat the chat id is the user id. */
export function telegramUserIdOf(ctx: { from?: { id: number }; chat?: { id: number; type: string } }): number | undefined {
  return ctx.from?.id ?? (ctx.chat?.type === 'private' ? ctx.chat.id : undefined);
}

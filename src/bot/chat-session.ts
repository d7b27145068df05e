import type { Context, MiddlewareFn, StorageAdapter } from 'grammy';

/**
 * The session of a chat: read before the rest of the update, written after it. It does what
 * grammY's `session()` does for this bot (the eager mode: `initial`, a storage adapter, a key
 * per chat), but `ctx.session` is a plain property. grammY's defines it with a getter and a
 * setter on every context; V8 allocates the accessor pair of such a property in the old
 * generation, where it kept every stateful update's objects alive through young-generation
 * collections until the next full one (docs/bot.md, "Garbage collection").
 *
 * As with grammY's: no key (an update without a chat) leaves `ctx.session` unset, setting it to
 * null or undefined deletes the stored session, and an update that throws writes nothing. A
 * chat's fresh session that the update left as it began is not written.
 */
export function chatSession<S, C extends Context & { session: S }>(opts: { storage: StorageAdapter<S>; getSessionKey: (ctx: C) => string | undefined; initial: () => S }): MiddlewareFn<C> {
  return async (ctx, next) => {
    const key = opts.getSessionKey(ctx);
    if (key === undefined) return next();
    const stored = await opts.storage.read(key);
    ctx.session = stored ?? opts.initial();
    const fresh = stored === undefined ? JSON.stringify(ctx.session) : undefined;
    await next();
    const value = ctx.session as S | null | undefined;
    if (value === null || value === undefined) await opts.storage.delete(key);
    else if (fresh === undefined || JSON.stringify(value) !== fresh) await opts.storage.write(key, value);
  };
}

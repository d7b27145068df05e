import { conversations, type Conversation, type ConversationData } from '@grammyjs/conversations';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Composer } from 'grammy';
import type { BotContext, ConversationContext } from './context.js';
import type { BotDeps, UpdateKind } from './deps.js';
import { createErrorHandler } from './features/error-boundary.js';
import { helpFeature } from './features/help.js';
import { logoutFeature } from './features/logout.js';
import { closedAccessFeature } from './features/closed-access.js';
import { identifyFeature } from './features/identify.js';
import { languageFeature } from './features/language.js';
import { fallbackFeature, menuFeature, placeholderFeature } from './features/menu.js';
import { startFeature } from './features/start.js';
import { translator } from '../i18n/index.js';
import { conversationStorage } from './storage.js';
import { botApiClientOptions, useDirectCalls } from '../telegram/index.js';

export type { BotContext, ConversationContext } from './context.js';
export type { AfterLink, BotDeps, BotFamily, BotServices, FollowUp, Messenger } from './deps.js';
export { menuItemsFor, menuKeyboard, menuTrigger, showMenu, type MenuItem } from './features/menu.js';

export interface CreateBotOptions {
  /**
   * Features that answer from the update alone (an attendance tap): installed before
   * identification and conversations, so they cost no storage round trip. They must not use
   * ctx.users, ctx.t or ctx.conversation, and call `next()` for anything they cannot answer
   * that way.
   */
  stateless?: Composer<BotContext>[];
  /**
   * Feature composers of the journal flows (teacher, parent, deputy), installed after the
   * built-in commands and before the "coming soon" placeholders and the fallback.
   */
  features?: Composer<BotContext>[];
}

const chatKey = (ctx: { chat?: { id: number } }) => ctx.chat?.id.toString();

/**
 * Builds the bot; it does not start it (see transport.ts). The order below is the order an
 * update travels in.
 */
export function createBot(deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const target = { token: deps.token, apiRoot: deps.apiRoot, fastPath: deps.fastPath };
  const bot = new Bot<BotContext>(deps.token, { botInfo: deps.botInfo, client: deps.carrier ? {} : botApiClientOptions(target) });
  // Another messenger's carrier takes every call; else the common JSON calls go past grammY's
  // API client (src/telegram). Installed first, so transformers installed later (retries, the
  // tests' fault injection) still see every call.
  if (deps.carrier) bot.api.config.use(deps.carrier);
  else useDirectCalls(bot.api, target);
  if (deps.idlePollDelayMs) {
    const delay = deps.idlePollDelayMs;
    bot.api.config.use(async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal);
      if (method === 'getUpdates' && res.ok && Array.isArray(res.result) && res.result.length === 0)
        await new Promise((r) => setTimeout(r, delay));
      return res;
    });
  }

  if (deps.observeUpdate) bot.use(updateTimer(deps.observeUpdate));
  const features = bot.errorBoundary(createErrorHandler({ rethrowUnexpected: deps.rethrowUnexpected ?? false }));
  // Conversation state is read-modify-write: one update per chat at a time.
  features.use(sequentialize(chatKey));
  for (const feature of options.stateless ?? []) features.use(feature);
  const conversationState = conversationStorage<ConversationData>(deps.store);
  features.use(
    identifyFeature({
      access: deps.services.access,
      logger: deps.logger,
      prefetch: conversationState.prefetch,
      messenger: deps.messenger ?? 'telegram',
    }),
  );
  features.use(closedAccessFeature());
  features.use(
    conversations<BotContext, ConversationContext>({
      storage: conversationState.options,
      // Every conversation sees the identity and language of the update that entered it.
      plugins: async (conversation: Conversation<BotContext, ConversationContext>) => {
        const seen = await conversation.external((outer) => ({ users: outer.users, locale: outer.locale, timezone: outer.timezone }));
        return [
          async (ctx, next) => {
            Object.assign(ctx, seen, { t: translator(seen.locale) });
            await next();
          },
        ];
      },
    }),
  );
  features.use(startFeature({ access: deps.services.access, afterLink: deps.afterLink }));
  features.use(logoutFeature({ access: deps.services.access }));
  features.use(helpFeature());
  features.use(languageFeature({ access: deps.services.access }));
  features.use(menuFeature());
  for (const feature of options.features ?? []) features.use(feature);
  features.use(placeholderFeature());
  features.use(fallbackFeature());

  // Polling mode only: the error boundary already logged; this keeps the runner alive.
  bot.catch((err) => deps.logger.error({ updateId: err.ctx.update.update_id, err: err.error }, 'bot update failed'));
  return bot;
}

function kindOf(ctx: BotContext): UpdateKind {
  if (ctx.callbackQuery) return 'callback';
  if (ctx.message) return ctx.message.text?.startsWith('/') ? 'command' : 'message';
  return 'other';
}

/** Outermost, so an update that fails past the error boundary (webhook mode) counts as failed. */
function updateTimer(observe: NonNullable<BotDeps['observeUpdate']>) {
  return async (ctx: BotContext, next: () => Promise<void>) => {
    const started = performance.now();
    let ok = false;
    try {
      await next();
      ok = true;
    } finally {
      observe(kindOf(ctx), ok, (performance.now() - started) / 1000);
    }
  };
}

import type { FastifyInstance } from 'fastify';
import type { Bot, Composer } from 'grammy';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { KeyValueStore } from './domain/shared/key-value-store.js';
import { createBot, type AfterLink, type BotContext, type BotDeps } from './bot/index.js';
import type { BotAccess } from './bot/deps.js';
import { publishCommands } from './bot/transport.js';
import { createMaxApi, maxWebhookSecret, type MaxApi, type MaxApiTarget } from './max/index.js';
import {
  createMaxPolling,
  createMessageMemory,
  MAX_WEBHOOK_PATH,
  maxCallTransformer,
  maxUpdateHandler,
  maxWebhookExtension,
  subscribeMaxWebhook,
  type MaxEditButtons,
  type MaxUpdate,
  type MessageRecordStore,
} from './max/carrier/index.js';
import { createMaxStandIn, STAND_IN_TOKEN } from './dev/max-stand-in/index.js';

export type MaxMode = 'webhook' | 'polling' | 'stand-in' | 'off';

/**
 * Which MAX transport this process runs, by the same rule as Telegram's (bot-runtime.ts):
 * webhook updates arrive at every `web` process; long polling happens in exactly one process
 * (`worker` or `all`); with no token at all (the local demo), that process runs the stand-in.
 */
export function maxModeOf(config: Config): MaxMode {
  const web = config.role === 'all' || config.role === 'web';
  const poller = config.role === 'all' || config.role === 'worker';
  if (config.max.token && config.max.publicUrl) return web ? 'webhook' : 'off';
  if (config.max.token) return poller ? 'polling' : 'off';
  // The stand-in belongs to the local demo (no Telegram token either): a deployment on real
  // Telegram without MAX runs no fake MAX. Port 0 (tests): nobody could find it, so none.
  return poller && !config.telegram.token && config.emulator.maxPort !== 0 ? 'stand-in' : 'off';
}

/** Where MAX calls go from this process: MAX (or MAX_API_ROOT), or the local stand-in; null: nowhere. */
export function maxTargetOf(config: Config): (MaxApiTarget & { apiRoot: string | null }) | null {
  if (config.max.token) return { token: config.max.token, apiRoot: config.max.apiRoot ?? null };
  if (maxModeOf(config) === 'stand-in') return { token: STAND_IN_TOKEN, apiRoot: `http://127.0.0.1:${config.emulator.maxPort}` };
  return null;
}

/** Conversation state of MAX chats lives beside Telegram's under its own keys: the chat ids are separate number spaces. */
export function prefixedStore(store: KeyValueStore, prefix: string): KeyValueStore {
  return {
    read: (key) => store.read(prefix + key),
    readMany: store.readMany
      ? async (keys) => {
          const found = await store.readMany!(keys.map((k) => prefix + k));
          return new Map([...found].map(([k, v]) => [k.slice(prefix.length), v]));
        }
      : undefined,
    write: (key, value) => store.write(prefix + key, value),
    delete: (key) => store.delete(prefix + key),
  };
}

export interface MaxBotDeps {
  api: MaxApi;
  /** The access port in MAX's ids (the access service's `forMessenger('max')`). */
  access: BotAccess;
  store: KeyValueStore;
  logger: Logger;
  /** Where sent messages are remembered for edits by any process (Redis); null: this process only. */
  messages: MessageRecordStore | null;
  editButtons: MaxEditButtons;
  features?: Composer<BotContext>[];
  stateless?: Composer<BotContext>[];
  afterLink?: AfterLink;
  observeUpdate?: BotDeps['observeUpdate'];
  rethrowUnexpected?: boolean;
  /** Told when a person opens («Начать») or stops the bot's dialog (the access service's `maxDialog`). */
  dialogs?: (maxUserId: number, open: boolean) => Promise<unknown>;
}

/**
 * The bot of MAX: the same grammY bot and the same flows as Telegram's, its Bot API calls
 * carried to MAX and MAX's updates brought to it (src/max/carrier). Returns the bot and what
 * handles one MAX update.
 */
export function createMaxBot(deps: MaxBotDeps): { bot: Bot<BotContext>; handle: (update: MaxUpdate) => Promise<void> } {
  const memory = createMessageMemory(deps.messages);
  const log = deps.logger;
  const carrier = maxCallTransformer({ api: deps.api, memory, editButtons: deps.editButtons, warn: (obj, msg) => log.warn(obj, msg) });
  const bot = createBot(
    {
      // grammY wants a token; no call reaches Telegram (the carrier answers them all).
      token: 'max',
      messenger: 'max',
      carrier,
      services: { access: deps.access },
      store: prefixedStore(deps.store, 'max:'),
      logger: log,
      rethrowUnexpected: deps.rethrowUnexpected ?? false,
      afterLink: deps.afterLink,
      observeUpdate: deps.observeUpdate,
    },
    { features: deps.features, stateless: deps.stateless },
  );
  const toFlows = maxUpdateHandler(bot, memory);
  const handle = async (update: MaxUpdate) => {
    const kind = update.update_type;
    if (deps.dialogs && update.user && (kind === 'bot_started' || kind === 'bot_stopped'))
      await deps.dialogs(update.user.user_id, kind === 'bot_started');
    await toFlows(update);
  };
  return { bot, handle };
}

export interface MaxRuntimeDeps extends Omit<MaxBotDeps, 'api' | 'rethrowUnexpected' | 'editButtons'> {
  config: Config;
  /** Set once MAX told the bot's name, for MAX deep links. */
  onUsername?(username: string): void;
}

export function createMaxRuntime(deps: MaxRuntimeDeps) {
  const { config } = deps;
  const mode = maxModeOf(config);
  const log = deps.logger.child({ component: 'max', mode });
  const target = maxTargetOf(config);
  const api = target ? createMaxApi(target) : null;
  const made = api && mode !== 'off' ? createMaxBot({ ...deps, api, logger: log, editButtons: config.max.editButtons }) : null;
  const secret = config.max.token ? maxWebhookSecret(config.max.token, config.max.webhookSecret) : '';
  const extensions: ((app: FastifyInstance) => Promise<void>)[] =
    made && mode === 'webhook' ? [maxWebhookExtension(made.handle, secret, log)] : [];
  let standIn: ReturnType<typeof createMaxStandIn> | null = null;
  let polling: ReturnType<typeof createMaxPolling> | null = null;

  async function learnName(bot: Bot<BotContext>) {
    await bot.init();
    deps.onUsername?.(bot.botInfo.username);
  }

  return {
    mode,
    bot: made?.bot ?? null,
    handle: made?.handle ?? null,
    extensions,
    get standIn() {
      return standIn;
    },
    async start() {
      if (!made || !api) return;
      if (mode === 'stand-in') {
        standIn = createMaxStandIn({ port: config.emulator.maxPort, host: '127.0.0.1', personRoutes: true });
        await standIn.start();
        log.info(
          { apiRoot: standIn.url },
          `no MAX_BOT_TOKEN: talking to the local MAX stand-in. Try: npx tsx scripts/demo-max-chat.ts --port ${config.emulator.maxPort} --user 1001 "/start"`,
        );
      }
      if (mode === 'webhook') {
        await learnName(made.bot).catch((err) => log.warn({ err: err.message }, 'MAX getMyInfo failed; retried on the first update'));
        await publishCommands(made.bot, log);
        await subscribeMaxWebhook(api, `${config.max.publicUrl}${MAX_WEBHOOK_PATH}`, secret, log);
        return;
      }
      await learnName(made.bot);
      // The stand-in keeps no command list.
      if (mode === 'polling') await publishCommands(made.bot, log);
      polling = createMaxPolling({ api, handle: made.handle, log, timeoutSeconds: mode === 'stand-in' ? 5 : 30 });
      await polling.unsubscribeAll().catch((err: Error) => log.warn({ err: err.message }, 'could not list MAX webhook subscriptions'));
      polling.start();
      log.info({ username: made.bot.botInfo.username }, 'MAX bot is polling for updates');
    },
    async stop() {
      await polling?.stop();
      polling = null;
      await standIn?.stop();
      standIn = null;
    },
  };
}
export type MaxRuntime = ReturnType<typeof createMaxRuntime>;

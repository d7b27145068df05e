import type { FastifyInstance } from 'fastify';
import type { Bot, Composer } from 'grammy';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { AccessService } from './domain/access/access-service.js';
import type { KeyValueStore } from './domain/shared/key-value-store.js';
import { createBot, type AfterLink, type BotContext, type BotDeps } from './bot/index.js';
import { deriveWebhookSecret, publishCommands, setWebhook, startPolling, webhookExtension, WEBHOOK_PATH } from './bot/transport.js';

/** The token the local emulator accepts; it is not a real bot's. */
export const EMULATOR_TOKEN = '100000001:local-emulator-token-not-a-real-bot';

/**
 * How long the emulator keeps a message nobody fetched. Its default is a minute, but a person
 * trying the demo looks for the absence notice after the five-minute grace period, or later.
 */
export const EMULATOR_STORE_SECONDS = 24 * 3600;

export type BotMode = 'webhook' | 'polling' | 'emulator' | 'off';

/**
 * Which transport this process runs. Webhook updates arrive at every `web` process (Telegram
 * spreads them); long polling must happen in exactly one process, so only `worker` and `all`
 * poll (run one worker, or use the webhook when there are several).
 */
export function botModeOf(config: Config): BotMode {
  const web = config.role === 'all' || config.role === 'web';
  const poller = config.role === 'all' || config.role === 'worker';
  if (config.telegram.token && config.telegram.publicUrl) return web ? 'webhook' : 'off';
  if (config.telegram.token) return poller ? 'polling' : 'off';
  return poller ? 'emulator' : 'off';
}

/** Where Bot API calls go from this process: Telegram, a self-hosted API server, or the local emulator. */
export function telegramTargetOf(config: Config): { token: string; apiRoot: string | null; fastPath: boolean } {
  const fastPath = config.telegram.fastPath;
  if (config.telegram.token) return { token: config.telegram.token, apiRoot: config.telegram.apiRoot, fastPath };
  return { token: EMULATOR_TOKEN, apiRoot: `http://127.0.0.1:${config.emulator.port}`, fastPath };
}

export interface BotRuntimeDeps {
  config: Config;
  logger: Logger;
  access: AccessService;
  store: KeyValueStore;
  /** Set once getMe answered, so issued codes carry a t.me link. */
  onUsername(username: string): void;
  features?: Composer<BotContext>[];
  /** Installed before identification and conversations (createBot's `stateless`). */
  stateless?: Composer<BotContext>[];
  /** Sent after an account is linked (the parent's consent text). */
  afterLink?: AfterLink;
  observeUpdate?: BotDeps['observeUpdate'];
}

export function createBotRuntime(deps: BotRuntimeDeps) {
  const { config, logger } = deps;
  const mode = botModeOf(config);
  const log = logger.child({ component: 'bot', mode });
  let emulator: TelegramServer | null = null;
  let polling: { stop(): Promise<void> } | null = null;
  const { token, apiRoot } = telegramTargetOf(config);
  const bot: Bot<BotContext> | null =
    mode === 'off'
      ? null
      : createBot(
          {
            token,
            apiRoot,
            fastPath: config.telegram.fastPath,
            services: { access: deps.access },
            store: deps.store,
            logger: log,
            rethrowUnexpected: mode === 'webhook',
            idlePollDelayMs: mode === 'emulator' ? 100 : undefined,
            afterLink: deps.afterLink,
            observeUpdate: deps.observeUpdate,
          },
          { features: deps.features, stateless: deps.stateless },
        );
  const secret = config.telegram.webhookSecret ?? deriveWebhookSecret(token);
  const extensions: ((app: FastifyInstance) => Promise<void>)[] =
    bot && mode === 'webhook' ? [webhookExtension(bot, secret, { fastPath: config.telegram.fastPath, logger: log })] : [];

  async function learnName(b: Bot<BotContext>) {
    await b.init();
    deps.onUsername(b.botInfo.username);
  }

  return {
    mode,
    bot,
    extensions,
    get emulator() {
      return emulator;
    },
    async start() {
      if (!bot) return;
      if (mode === 'emulator') {
        emulator = new TelegramServer({ port: config.emulator.port, host: '127.0.0.1', storeTimeout: EMULATOR_STORE_SECONDS });
        await emulator.start();
        log.info(
          { apiRoot: emulator.config.apiURL, token: EMULATOR_TOKEN },
          `no TELEGRAM_BOT_TOKEN: talking to the local Bot API emulator. Try: npx tsx scripts/demo-chat.ts --port ${config.emulator.port} --chat 1001 "/start"`,
        );
      }
      if (mode === 'webhook') {
        await learnName(bot).catch((err) => log.warn({ err: err.message }, 'getMe failed; retried on the first update'));
        await publishCommands(bot, log);
        await setWebhook(bot, `${config.telegram.publicUrl}${WEBHOOK_PATH}`, secret, log);
        return;
      }
      await learnName(bot);
      // The emulator has no setMyCommands (it answers 500): asking would log a warning at every start.
      if (mode !== 'emulator') await publishCommands(bot, log);
      polling = await startPolling(bot, log);
    },
    async stop() {
      await polling?.stop();
      polling = null;
      await emulator?.stop();
      emulator = null;
    },
  };
}
export type BotRuntime = ReturnType<typeof createBotRuntime>;

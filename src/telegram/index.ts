import { Api, webhookCallback, type ApiClientOptions, type Bot, type Context } from 'grammy';
import { directJsonCalls } from './bot-api-direct.js';
import { botApiFetch } from './bot-api-fetch.js';
import { fastifyWebhookAdapter } from './webhook-adapter.js';
import { canUseWebhookReply } from './webhook-reply.js';

export { asWebhookReply } from './webhook-reply.js';
export { SECRET_HEADER } from './webhook-adapter.js';
export { downloadCapped, downloadTelegramFile, FileDownloadError } from './file-download.js';

/**
 * Where Bot API calls go and how. `fastPath` (TELEGRAM_FAST_PATH, on unless false) turns on the
 * workarounds of this folder, which rely on grammY internals (README.md: what each relies on and
 * how to check it after a grammY upgrade); off, every piece is stock grammY.
 */
export interface BotApiTarget {
  token: string;
  /** A local Bot API server or the emulator; null for api.telegram.org. */
  apiRoot?: string | null;
  fastPath?: boolean;
}

const TELEGRAM_API_ROOT = 'https://api.telegram.org';
const WEBHOOK_TIMEOUT_MS = 10_000;

const isOn = (target: { fastPath?: boolean }) => target.fastPath !== false;

/** grammY's `client` options: our fetch and the webhook-reply flag when on; the API root either way. */
export function botApiClientOptions(target: BotApiTarget): ApiClientOptions {
  const root = target.apiRoot ? { apiRoot: target.apiRoot } : {};
  return isOn(target) ? { ...root, canUseWebhookReply, fetch: botApiFetch as never } : root;
}

/**
 * Installs the direct JSON calls on an API client made with `botApiClientOptions`. Call it
 * before any other transformer, so those (retries, the tests' fault injection) still see every call.
 */
export function useDirectCalls(api: Api, target: BotApiTarget): void {
  if (!isOn(target)) return;
  api.config.use(
    directJsonCalls({ apiRoot: target.apiRoot ?? TELEGRAM_API_ROOT, token: target.token, ridesOnWebhookReply: canUseWebhookReply }),
  );
}

/** A Bot API client outside a bot (the delivery worker's): the same client as the bot's. */
export function createBotApi(target: BotApiTarget): Api {
  const api = new Api(target.token, botApiClientOptions(target));
  useDirectCalls(api, target);
  return api;
}

/** grammY's webhook handler for Fastify: with our adapter when on, grammY's 'fastify' adapter when off. */
export function fastifyWebhookHandler<C extends Context>(bot: Bot<C>, secretToken: string, target: { fastPath?: boolean }) {
  const options = { secretToken, onTimeout: 'throw' as const, timeoutMilliseconds: WEBHOOK_TIMEOUT_MS };
  return isOn(target) ? webhookCallback(bot, fastifyWebhookAdapter, options) : webhookCallback(bot, 'fastify', options);
}

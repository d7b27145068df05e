import { createHash, timingSafeEqual } from 'node:crypto';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Bot } from 'grammy';
import type { Logger } from 'pino';
import type { BotContext } from './context.js';
import { fastifyWebhookHandler, SECRET_HEADER } from '../telegram/index.js';
import { LOCALES } from '../domain/access/types.js';
import { translator } from '../i18n/index.js';

export const WEBHOOK_PATH = '/telegram/webhook';
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** Without a configured secret, one derived from the token: stable across processes, unguessable without the token. */
export function deriveWebhookSecret(token: string): string {
  return createHash('sha256').update(`telegram-webhook:${token}`).digest('hex');
}

/** How long an update waits for the bot's first getMe before it is answered 503. */
const NOT_READY_WAIT_MS = 1_000;

export interface WebhookOptions {
  /** TELEGRAM_FAST_PATH: our webhook adapter (on, the default) or grammY's 'fastify' adapter. */
  fastPath?: boolean;
  logger?: Logger;
}

/**
 * A Fastify plugin for HttpServerDeps.extensions: Telegram POSTs updates here with the secret
 * header. The secret is checked first, in constant time: a request without it gets 401 at once
 * and never waits for anything. grammY's handler needs the bot's identity (getMe) before it
 * handles an update; while Telegram is unreachable that would hold every request, so an update
 * that arrives before the bot is ready waits a moment for getMe and is then answered 503, which
 * makes Telegram deliver it again later.
 */
export function webhookExtension(bot: Bot<BotContext>, secretToken: string, opts: WebhookOptions = {}) {
  const handle = fastifyWebhookHandler(bot, secretToken, opts);
  const expected = Buffer.from(secretToken, 'utf8');
  const authorized = (header: unknown) => {
    if (typeof header !== 'string') return false;
    const given = Buffer.from(header, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  let starting: Promise<void> | null = null;
  const ready = async (): Promise<boolean> => {
    if (bot.isInited()) return true;
    starting ??= bot
      .init()
      .catch((err: Error) => {
        opts.logger?.warn({ err: err.message }, 'getMe failed; webhook updates are answered 503 until it succeeds');
      })
      .finally(() => {
        starting = null;
      });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([starting, new Promise((r) => (timer = setTimeout(r, NOT_READY_WAIT_MS)))]);
    clearTimeout(timer);
    return bot.isInited();
  };
  return async (app: FastifyInstance) => {
    // Not one "incoming request" and one "request completed" line per update at info level:
    // at a busy hour that is thousands of lines a second saying nothing. Failures still log.
    // One logger serves every update (the bot's own lines carry the update id) instead of a
    // child logger made per request.
    let webhookLogger: FastifyBaseLogger | undefined;
    app.post(
      WEBHOOK_PATH,
      {
        schema: { hide: true },
        logLevel: 'warn',
        // Fastify passes the route's logLevel in `options`.
        childLoggerFactory: (logger, _bindings, options) => (webhookLogger ??= logger.child({ route: 'telegram-webhook' }, options)),
      },
      async (request, reply) => {
        if (!authorized(request.headers[SECRET_HEADER])) return reply.code(401).send('"unauthorized"');
        if (!bot.isInited() && !(await ready())) return reply.code(503).send('"not ready"');
        return handle(request, reply);
      },
    );
  };
}

/** The command list in both languages; the emulator and some proxies do not support it, so it never stops the start. */
export async function publishCommands(bot: Bot<BotContext>, logger: Logger): Promise<void> {
  try {
    // The first locale is the default list (no language_code); the others are per language.
    for (const locale of LOCALES) {
      const t = translator(locale);
      const commands = [
        { command: 'start', description: t('command.start') },
        { command: 'menu', description: t('command.menu') },
        { command: 'language', description: t('command.language') },
        { command: 'help', description: t('command.help') },
        { command: 'compliance', description: t('command.compliance') },
        { command: 'reports', description: t('command.reports') },
        { command: 'ktp', description: t('command.ktp') },
        { command: 'classdocs', description: t('command.classdocs') },
        { command: 'settings', description: t('command.settings') },
        { command: 'messenger', description: t('command.messenger') },
        { command: 'privacy', description: t('command.privacy') },
        { command: 'logout', description: t('command.logout') },
      ];
      await bot.api.setMyCommands(commands, locale === LOCALES[0] ? {} : { language_code: locale });
    }
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not publish the bot commands');
  }
}

export async function setWebhook(bot: Bot<BotContext>, url: string, secretToken: string, logger: Logger): Promise<void> {
  try {
    await bot.api.setWebhook(url, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES] });
    logger.info({ url }, 'telegram webhook set');
  } catch (err) {
    logger.error(
      { err: err instanceof Error ? err.message : String(err) },
      'could not set the telegram webhook; updates will not arrive until it is set',
    );
  }
}

/** Long polling with the runner. Only one process may poll a bot token: see docs/bot.md. */
export async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<{ stop(): Promise<void> }> {
  await bot.init();
  await bot.api.deleteWebhook().catch((err) => logger.warn({ err: err.message }, 'deleteWebhook failed'));
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  logger.info({ username: bot.botInfo.username }, 'bot is polling for updates');
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}

import { GrammyError, HttpError, type BotError } from 'grammy';
import { DomainError } from '../../domain/shared/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { translator } from '../../i18n/index.js';
import type { BotContext } from '../context.js';

const DOMAIN_MESSAGES: Partial<Record<DomainError['code'], MessageKey>> = {
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  read_only: 'error.readOnly',
  validation_failed: 'error.invalid',
  conflict: 'error.invalid',
};

/**
 * Wraps every feature. A domain error becomes a friendly answer; Telegram refusing one of our
 * calls is logged; anything else may be an outage and, with `rethrowUnexpected`, goes up to
 * the webhook (500, Telegram redelivers the update).
 */
export function createErrorHandler(opts: { rethrowUnexpected: boolean }) {
  return async (err: BotError<BotContext>): Promise<void> => {
    const ctx = err.ctx;
    const t = ctx.t ?? translator('ru');
    const log = ctx.log;
    const error = err.error;
    const updateId = ctx.update.update_id;
    if (error instanceof DomainError) {
      log?.info({ updateId, code: error.code }, 'bot update ended with a domain error');
      if (ctx.chat) await ctx.reply(t(DOMAIN_MESSAGES[error.code] ?? 'error.generic'), { parse_mode: 'HTML' }).catch(() => {});
      return;
    }
    if (error instanceof GrammyError) {
      log?.warn({ updateId, method: error.method, status: error.error_code, description: error.description }, 'telegram refused a call');
      return;
    }
    log?.error({ updateId, err: error }, error instanceof HttpError ? 'telegram is unreachable' : 'bot update failed');
    if (opts.rethrowUnexpected) throw error;
    if (ctx.chat) await ctx.reply(t('error.generic')).catch(() => {});
  };
}

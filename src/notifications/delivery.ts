import type { Logger } from 'pino';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/ports.js';
import type { NotificationRecord, Recipient } from '../domain/outbox/types.js';
import { ChannelError, type EmailChannel, type RenderedMessage, type TelegramChannel } from './channels/types.js';
import { compose } from './compose.js';

/** What the queue should do with the job after one delivery attempt. */
export type DeliveryOutcome =
  | { result: 'done'; status: 'sent' | 'skipped' | 'failed' | 'stale'; channel?: string }
  /** The whole bot must pause (Telegram 429). */
  | { result: 'rate_limited'; afterMs: number }
  /** This chat got a message less than a second ago: try this job again shortly. */
  | { result: 'chat_busy'; afterMs: number }
  /** Retry with backoff (5xx, network); the caller marks the row failed on the last attempt. */
  | { result: 'retry'; error: string };

export interface DeliveryDeps {
  uow: UnitOfWork;
  clock: Clock;
  logger: Logger;
  telegram: TelegramChannel | null;
  email: EmailChannel | null;
  /** Reserves a send slot for a chat; returns 0 when granted, otherwise ms to wait. */
  reserveChat(chatId: number): Promise<number>;
  /** Waits for a slot in the bot-wide send budget (Telegram's ~30 messages per second). */
  acquireSendSlot?(): Promise<unknown>;
}

export function createDelivery(deps: DeliveryDeps) {
  const { uow, clock } = deps;
  const repos = uow.repos;

  async function viaEmail(record: NotificationRecord, recipient: Recipient, message: RenderedMessage): Promise<DeliveryOutcome> {
    if (!deps.email || !recipient.email || !recipient.preferences.emailFallback) {
      await repos.notifications.markFinal(record.id, record.version, 'failed', 'no channel can reach the recipient');
      return { result: 'done', status: 'failed' };
    }
    try {
      await deps.email.send(recipient.email, message);
    } catch (err) {
      const e = err instanceof ChannelError ? err : new ChannelError('transient', String(err));
      await repos.notifications.recordAttempt(record.id, 'email', e.failure, e.message);
      if (e.failure === 'permanent') {
        await repos.notifications.markFinal(record.id, record.version, 'failed', e.message);
        return { result: 'done', status: 'failed' };
      }
      return { result: 'retry', error: e.message };
    }
    await repos.notifications.recordAttempt(record.id, 'email', 'sent', null);
    await repos.notifications.markSent(record.id, record.version, 'email', null, clock.now());
    return { result: 'done', status: 'sent', channel: 'email' };
  }

  return {
    /** One attempt to deliver version `version` of notice `id`; safe to call twice. */
    async deliver(id: number, version: number): Promise<DeliveryOutcome> {
      const record = await repos.notifications.findById(id);
      if (!record || record.version !== version || !['queued', 'pending'].includes(record.status)) {
        return { result: 'done', status: 'stale' };
      }
      const recipient = await repos.deliveryFacts.recipient(record.recipientId);
      if (!recipient || (recipient.isParent && !recipient.hasConsent)) {
        await repos.notifications.markFinal(id, version, 'cancelled', recipient ? 'no consent' : 'recipient gone');
        return { result: 'done', status: 'skipped' };
      }
      const composed = await compose(repos, record, recipient, clock.now());
      if (composed.action === 'skip') {
        await repos.notifications.markFinal(id, version, record.sentAt ? 'cancelled' : 'skipped', composed.reason);
        return { result: 'done', status: 'skipped' };
      }
      const { message } = composed;
      const chatId = recipient.telegramChatId;
      if (!deps.telegram || chatId === null || recipient.telegramBlocked) return viaEmail(record, recipient, message);

      const wait = await deps.reserveChat(chatId);
      if (wait > 0) return { result: 'chat_busy', afterMs: wait };
      await deps.acquireSendSlot?.();
      try {
        let messageId = record.telegramMessageId;
        if (composed.editable && messageId !== null && record.channel === 'telegram') {
          await deps.telegram.edit(chatId, messageId, message);
        } else {
          messageId = (await deps.telegram.send(chatId, message)).messageId;
        }
        await repos.notifications.recordAttempt(id, 'telegram', 'sent', null);
        await repos.notifications.markSent(id, version, 'telegram', messageId, clock.now());
        return { result: 'done', status: 'sent', channel: 'telegram' };
      } catch (err) {
        const e = err instanceof ChannelError ? err : new ChannelError('transient', String(err));
        await repos.notifications.recordAttempt(id, 'telegram', e.failure, e.message);
        switch (e.failure) {
          case 'rate_limited':
            return { result: 'rate_limited', afterMs: e.retryAfterMs };
          case 'unreachable':
            deps.logger.info({ notificationId: id, userId: recipient.userId }, 'telegram chat unreachable; switching to e-mail');
            await repos.deliveryFacts.markTelegramBlocked(recipient.userId);
            return viaEmail(record, recipient, message);
          case 'permanent':
            await repos.notifications.markFinal(id, version, 'failed', e.message);
            return { result: 'done', status: 'failed' };
          default:
            return { result: 'retry', error: e.message };
        }
      }
    },

    /** The last attempt failed too: the row ends in a recorded state, never in silence. */
    async giveUp(id: number, version: number, error: string): Promise<void> {
      await repos.notifications.markFinal(id, version, 'failed', `gave up: ${error}`);
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;

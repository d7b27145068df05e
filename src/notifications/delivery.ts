import type { Logger } from 'pino';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/ports.js';
import { decideAudience, decideChannel, type DeliveryFacts } from '../domain/outbox/delivery-decision.js';
import type { NotificationRecord } from '../domain/outbox/types.js';
import type { DocumentRenderer } from '../domain/reports/types.js';
import { ChannelError, type EmailChannel, type MaxChannel, type RenderedMessage, type TelegramChannel } from './channels/types.js';
import { compose, type Composed } from './compose.js';

/** What the queue should do with the job after one delivery attempt. */
export type DeliveryOutcome =
  | { result: 'done'; status: 'sent' | 'skipped' | 'failed' | 'stale'; channel?: string }
  /** The whole bot must pause (Telegram 429). */
  | { result: 'rate_limited'; afterMs: number }
  /** This chat got a message less than a second ago: try this job again shortly. */
  | { result: 'chat_busy'; afterMs: number }
  /** MAX asked to slow down: MAX sends pause (in Redis), this job comes back after it; Telegram goes on. */
  | { result: 'paused'; afterMs: number }
  /** Retry with backoff (5xx, network); the caller marks the row failed on the last attempt. */
  | { result: 'retry'; error: string };

export interface DeliveryDeps {
  uow: UnitOfWork;
  clock: Clock;
  logger: Logger;
  telegram: TelegramChannel | null;
  email: EmailChannel | null;
  /** Renders the PDF a report notice carries (composed.file). */
  renderer: DocumentRenderer;
  /** MAX; absent or null when no MAX bot is configured. */
  max?: MaxChannel | null;
  /** Reserves a send slot for a chat (a MAX chat as `max:<id>`); returns 0 when granted, otherwise ms to wait. */
  reserveChat(chatId: number | string): Promise<number>;
  /** Waits for a slot in the bot-wide send budget (Telegram's ~30 messages per second). */
  acquireSendSlot?(): Promise<unknown>;
  /** The same for the MAX bot, which also waits out a pause set by `pauseMax`. */
  acquireMaxSlot?(): Promise<unknown>;
  /** Pauses every MAX send of every worker for `ms` (MAX answered 429). */
  pauseMax?(ms: number): Promise<unknown>;
}

export function createDelivery(deps: DeliveryDeps) {
  const { uow, clock } = deps;
  const repos = uow.repos;

  async function viaEmail(record: NotificationRecord, to: string, message: RenderedMessage): Promise<DeliveryOutcome> {
    try {
      await deps.email!.send(to, message);
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

  /**
   * The PDF is rendered here, at delivery time, from the ids in the row (no personal data in
   * the job, nothing stored): like every notice it shows the journal as of sending, a retry
   * renders the current figures again, and a report of a few pages takes milliseconds. It is
   * rendered once per attempt, before the channel is chosen, so the 403 fallback to e-mail
   * attaches the same file.
   */
  async function withDocument(composed: Extract<Composed, { action: 'send' }>): Promise<Extract<Composed, { action: 'send' }>> {
    if (!composed.file) return composed;
    const content = await deps.renderer.pdf(composed.file.document);
    const document = { fileName: composed.file.fileName, content, contentType: 'application/pdf' };
    return { ...composed, message: { ...composed.message, document } };
  }

  /** Carries out the domain's decision for a message that is to be sent (or cannot be). */
  async function carryOut(
    record: NotificationRecord,
    facts: DeliveryFacts,
    composed: Extract<Composed, { action: 'send' }>,
  ): Promise<DeliveryOutcome> {
    const { id, version } = record;
    const { message } = composed;
    const decision = decideChannel(facts, composed.editable);
    if (decision.action === 'fail') {
      await repos.notifications.markFinal(id, version, 'failed', decision.reason);
      return { result: 'done', status: 'failed' };
    }
    if (decision.channel === 'email') return viaEmail(record, decision.to, message);

    const { chatId } = decision;
    const wait = await deps.reserveChat(decision.channel === 'max' ? `max:${chatId}` : chatId);
    if (wait > 0) return { result: 'chat_busy', afterMs: wait };
    await (decision.channel === 'max' ? deps.acquireMaxSlot?.() : deps.acquireSendSlot?.());
    try {
      let messageId: number | string | null = decision.editMessageId;
      if (decision.channel === 'max') {
        if (decision.editMessageId !== null) await deps.max!.edit(chatId, decision.editMessageId, message);
        else messageId = (await deps.max!.send(chatId, message)).messageId;
      } else {
        if (decision.editMessageId !== null) await deps.telegram!.edit(chatId, decision.editMessageId, message);
        else messageId = (await deps.telegram!.send(chatId, message)).messageId;
      }
      await repos.notifications.recordAttempt(id, decision.channel, 'sent', null);
      await repos.notifications.markSent(id, version, decision.channel, messageId, clock.now());
      return { result: 'done', status: 'sent', channel: decision.channel };
    } catch (err) {
      const e = err instanceof ChannelError ? err : new ChannelError('transient', String(err));
      await repos.notifications.recordAttempt(id, decision.channel, e.failure, e.message);
      switch (e.failure) {
        case 'rate_limited':
          if (decision.channel === 'telegram') return { result: 'rate_limited', afterMs: e.retryAfterMs };
          await deps.pauseMax?.(e.retryAfterMs);
          return { result: 'paused', afterMs: e.retryAfterMs };
        case 'unreachable': {
          // A blocked or removed chat: marked, and the next channel gets the notice now.
          const recipient = facts.recipient!;
          deps.logger.info(
            { notificationId: id, userId: recipient.userId, channel: decision.channel },
            'chat unreachable; trying the next channel',
          );
          if (decision.channel === 'max') {
            await repos.deliveryFacts.markMaxBlocked(recipient.userId);
            return carryOut(record, { ...facts, recipient: { ...recipient, max: { ...recipient.max!, blocked: true } } }, composed);
          }
          await repos.deliveryFacts.markTelegramBlocked(recipient.userId);
          return carryOut(record, { ...facts, recipient: { ...recipient, telegramBlocked: true } }, composed);
        }
        case 'permanent':
          await repos.notifications.markFinal(id, version, 'failed', e.message);
          return { result: 'done', status: 'failed' };
        default:
          return { result: 'retry', error: e.message };
      }
    }
  }

  return {
    /** One attempt to deliver version `version` of notice `id`; safe to call twice. */
    async deliver(id: number, version: number): Promise<DeliveryOutcome> {
      const record = await repos.notifications.findById(id);
      if (!record || record.version !== version || !['queued', 'pending'].includes(record.status)) {
        return { result: 'done', status: 'stale' };
      }
      const recipient = await repos.deliveryFacts.recipient(record.recipientId);
      const facts: DeliveryFacts = {
        notice: record,
        recipient,
        tie: null,
        channels: { telegram: deps.telegram !== null, max: !!deps.max, email: deps.email !== null },
      };
      // Who may hear of it is decided before the facts behind the notice are read, and again with the tie compose read.
      const early = decideAudience(facts);
      if (early) {
        await repos.notifications.markFinal(id, version, early.status, early.reason);
        return { result: 'done', status: 'skipped' };
      }
      const composed = await compose(repos, record, recipient!, clock.now());
      const drop = composed.action === 'untied' ? decideAudience({ ...facts, tie: composed.tie }) : null;
      if (drop) {
        await repos.notifications.markFinal(id, version, drop.status, drop.reason);
        return { result: 'done', status: 'skipped' };
      }
      if (composed.action !== 'send') {
        const reason = composed.action === 'skip' ? composed.reason : 'no longer tied to the matter';
        await repos.notifications.markFinal(id, version, record.sentAt ? 'cancelled' : 'skipped', reason);
        return { result: 'done', status: 'skipped' };
      }
      return carryOut(record, facts, await withDocument(composed));
    },

    /** The last attempt failed too: the row ends in a recorded state, never in silence. */
    async giveUp(id: number, version: number, error: string): Promise<void> {
      await repos.notifications.markFinal(id, version, 'failed', `gave up: ${error}`);
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;

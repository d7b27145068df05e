import { lastLinked } from '../access/messenger-choice.js';
import type { Messenger, NotificationRecord, Recipient } from './types.js';

/**
 * Whether a notice may go out now, to whom and through which channel: one pure function over
 * the facts read at send time, so that every rule is in one place and tested without I/O.
 * `notifications/` reads the facts, calls it, renders and sends.
 */
export interface DeliveryFacts {
  notice: Pick<NotificationRecord, 'kind' | 'sentAt' | 'channel' | 'telegramMessageId' | 'maxMessageId'>;
  /** null: the user is gone or deactivated. */
  recipient: Recipient | null;
  /**
   * The recipient's tie to what the notice is about, read again at send time: guardian of the
   * child (absence, grade), class teacher of the class (explained absence), deputy director or
   * director (escalation, report). null when the kind needs none (digests, reminders).
   */
  tie: { holds: boolean; what: string } | null;
  /** Channels this process can use. */
  channels: { telegram: boolean; max?: boolean; email: boolean };
}

export type DeliveryDecision =
  /** Nothing goes out: the row ends `cancelled` (it had been sent before, or lost its recipient) or `skipped`. */
  | { action: 'drop'; status: 'cancelled' | 'skipped'; reason: string }
  | { action: 'send'; channel: 'telegram'; chatId: number; editMessageId: number | null }
  | { action: 'send'; channel: 'max'; chatId: number; editMessageId: string | null }
  | { action: 'send'; channel: 'email'; to: string }
  /** No channel reaches the recipient: the row ends `failed` with the reason. */
  | { action: 'fail'; reason: string };

/** Who may hear about it at all: an existing recipient, a parent or student only with consent, and still tied to the matter. */
export function decideAudience(
  facts: Pick<DeliveryFacts, 'notice' | 'recipient' | 'tie'>,
): Extract<DeliveryDecision, { action: 'drop' }> | null {
  const { recipient, tie, notice } = facts;
  if (!recipient) return { action: 'drop', status: 'cancelled', reason: 'recipient gone' };
  if ((recipient.isParent || recipient.isStudent) && !recipient.hasConsent)
    return { action: 'drop', status: 'cancelled', reason: 'no consent' };
  if (tie && !tie.holds) return { action: 'drop', status: notice.sentAt ? 'cancelled' : 'skipped', reason: `no longer ${tie.what}` };
  return null;
}

/**
 * The messengers in the order to try: the one chosen in settings, else the one linked last,
 * so a person linked in both hears each notice once; the other one only if the first cannot reach them.
 */
export function messengerOrder(recipient: Recipient): Messenger[] {
  const last = lastLinked({
    telegramLinked: recipient.telegramChatId !== null,
    telegramLinkedAt: recipient.telegramLinkedAt ?? null,
    maxLinkedAt: recipient.max?.linkedAt ?? null,
  });
  return (recipient.preferredMessenger ?? last ?? 'telegram') === 'max' ? ['max', 'telegram'] : ['telegram', 'max'];
}

type MessengerSend = Extract<DeliveryDecision, { action: 'send'; channel: Messenger }>;

function viaMessenger(facts: DeliveryFacts, messenger: Messenger, editable: boolean): MessengerSend | null {
  const { recipient, notice, channels } = facts;
  if (messenger === 'telegram') {
    if (!channels.telegram || recipient!.telegramChatId === null || recipient!.telegramBlocked) return null;
    const edit = editable && notice.channel === 'telegram' ? notice.telegramMessageId : null;
    return { action: 'send', channel: 'telegram', chatId: recipient!.telegramChatId, editMessageId: edit };
  }
  const max = recipient!.max;
  if (!channels.max || !max || max.blocked) return null;
  const edit = editable && notice.channel === 'max' ? (notice.maxMessageId ?? null) : null;
  return { action: 'send', channel: 'max', chatId: max.chatId, editMessageId: edit };
}

/**
 * The channel for a message that is to be sent: a messenger that is linked and not blocked, in
 * `messengerOrder`, else e-mail if the recipient has an address and wants it, else nothing.
 * `editable` asks to rewrite the message sent earlier (several absences of one day) when it
 * went through the same messenger.
 */
export function decideChannel(facts: DeliveryFacts, editable: boolean): Exclude<DeliveryDecision, { action: 'drop' }> {
  const audience = decideAudience(facts);
  if (audience) throw new Error(`decideChannel on a notice that is not to be sent: ${audience.reason}`);
  const recipient = facts.recipient!;
  for (const messenger of messengerOrder(recipient)) {
    const send = viaMessenger(facts, messenger, editable);
    if (send) return send;
  }
  if (facts.channels.email && recipient.email && recipient.preferences.emailFallback)
    return { action: 'send', channel: 'email', to: recipient.email };
  return { action: 'fail', reason: 'no channel can reach the recipient' };
}

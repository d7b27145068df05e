import { describe, expect, it } from 'vitest';
import { decideChannel, messengerOrder, type DeliveryFacts } from '../../src/domain/outbox/delivery-decision.js';
import { DEFAULT_PREFERENCES, type Recipient } from '../../src/domain/outbox/types.js';
import { maxBody, maxKeyboard } from '../../src/notifications/channels/max-channel.js';

const tgAt = new Date('2026-11-10T10:00:00Z');
const maxAt = new Date('2026-11-20T10:00:00Z');
const both: Recipient = {
  userId: 7,
  schoolId: 1,
  locale: 'ru',
  timezone: 'Europe/Moscow',
  telegramChatId: 700,
  telegramBlocked: false,
  telegramLinkedAt: tgAt,
  max: { chatId: 900, blocked: false, linkedAt: maxAt },
  preferredMessenger: null,
  email: 'parent@example.org',
  preferences: DEFAULT_PREFERENCES,
  hasConsent: true,
  isParent: true,
  isStudent: false,
};
const facts = (who: Partial<Recipient> = {}, over: Partial<DeliveryFacts> = {}): DeliveryFacts => ({
  notice: { kind: 'absence', sentAt: null, channel: null, telegramMessageId: null, maxMessageId: null },
  recipient: { ...both, ...who },
  tie: null,
  channels: { telegram: true, max: true, email: true },
  ...over,
});

describe('which messenger a person linked in both hears a notice in', () => {
  it('the one linked last by default, the one chosen in settings when set', () => {
    expect(messengerOrder(both)).toEqual(['max', 'telegram']);
    expect(messengerOrder({ ...both, max: { ...both.max!, linkedAt: new Date('2026-11-01T00:00:00Z') } })).toEqual(['telegram', 'max']);
    expect(messengerOrder({ ...both, preferredMessenger: 'telegram' })).toEqual(['telegram', 'max']);
    expect(decideChannel(facts(), false)).toEqual({ action: 'send', channel: 'max', chatId: 900, editMessageId: null });
    expect(decideChannel(facts({ preferredMessenger: 'telegram' }), false)).toMatchObject({ channel: 'telegram', chatId: 700 });
  });

  it('falls back to the other messenger when the chosen chat is blocked, then to e-mail', () => {
    const maxBlocked = { max: { ...both.max!, blocked: true } };
    expect(decideChannel(facts(maxBlocked), false)).toMatchObject({ channel: 'telegram' });
    expect(decideChannel(facts({ ...maxBlocked, telegramBlocked: true }), false)).toEqual({
      action: 'send',
      channel: 'email',
      to: 'parent@example.org',
    });
  });

  it('uses MAX only where this process has a MAX bot', () => {
    expect(decideChannel(facts({}, { channels: { telegram: true, max: false, email: true } }), false)).toMatchObject({
      channel: 'telegram',
    });
    expect(decideChannel(facts({ telegramChatId: null }, { channels: { telegram: true, email: false } }), false)).toMatchObject({
      action: 'fail',
    });
  });

  it('edits the earlier message only when it went through the same messenger', () => {
    const viaMax = { kind: 'absence' as const, sentAt: new Date(), channel: 'max', telegramMessageId: null, maxMessageId: 'mid.1' };
    expect(decideChannel(facts({}, { notice: viaMax }), true)).toMatchObject({ channel: 'max', editMessageId: 'mid.1' });
    const viaTelegram = { kind: 'absence' as const, sentAt: new Date(), channel: 'telegram', telegramMessageId: 5, maxMessageId: null };
    expect(decideChannel(facts({}, { notice: viaTelegram }), true)).toMatchObject({ channel: 'max', editMessageId: null });
  });
});

describe("MAX's limits in what the channel sends", () => {
  const button = (i: number) => ({ text: `${i}`, data: `d:${i}` });
  it('wraps rows past 7 buttons and stops at 30 rows and 210 buttons', () => {
    expect(maxKeyboard([Array.from({ length: 10 }, (_, i) => button(i))]).map((r) => r.length)).toEqual([7, 3]);
    const many = maxKeyboard(Array.from({ length: 40 }, (_, r) => Array.from({ length: 7 }, (_, i) => button(r * 7 + i))));
    expect(many).toHaveLength(30);
    expect(many.flat()).toHaveLength(210);
    expect(many[0]![0]).toEqual({ type: 'callback', text: '0', payload: 'd:0' });
  });

  it('sends HTML up to 4,000 characters, and a longer text as plain text cut at the limit', () => {
    const short = maxBody({ subject: 's', html: '<b>Да</b>', text: 'Да' });
    expect(short).toEqual({ text: '<b>Да</b>', format: 'html', attachments: [] });
    const long = maxBody({ subject: 's', html: `<b>${'я'.repeat(4000)}</b>`, text: 'я'.repeat(5000), buttons: [[button(1)]] });
    expect(long.format).toBeNull();
    expect(long.text).toHaveLength(4000);
    expect(long.text.endsWith('…')).toBe(true);
    expect(long.attachments[0]!.payload.buttons).toHaveLength(1);
  });
});

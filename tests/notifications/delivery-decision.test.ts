import { describe, expect, it } from 'vitest';
import { decideAudience, decideChannel, type DeliveryFacts } from '../../src/domain/outbox/delivery-decision.js';
import { DEFAULT_PREFERENCES, type Recipient } from '../../src/domain/outbox/types.js';

const parent: Recipient = {
  userId: 7,
  schoolId: 1,
  locale: 'ru',
  timezone: 'Europe/Moscow',
  telegramChatId: 700,
  telegramBlocked: false,
  email: 'parent@example.org',
  preferences: DEFAULT_PREFERENCES,
  hasConsent: true,
  isParent: true,
  isStudent: false,
};
const facts = (over: Partial<DeliveryFacts> = {}, who: Partial<Recipient> = {}): DeliveryFacts => ({
  notice: { kind: 'absence', sentAt: null, channel: null, telegramMessageId: null },
  recipient: { ...parent, ...who },
  tie: { holds: true, what: 'a guardian' },
  channels: { telegram: true, email: true },
  ...over,
});

describe('who may hear of a notice', () => {
  it('lets a consenting guardian hear of it', () => {
    expect(decideAudience(facts())).toBeNull();
  });
  it('cancels for a recipient who is gone, and for a parent without consent', () => {
    expect(decideAudience(facts({ recipient: null }))).toMatchObject({ action: 'drop', status: 'cancelled', reason: 'recipient gone' });
    expect(decideAudience(facts({}, { hasConsent: false }))).toMatchObject({ status: 'cancelled', reason: 'no consent' });
  });
  it('needs no consent from staff', () => {
    expect(decideAudience(facts({ tie: null }, { isParent: false, hasConsent: false }))).toBeNull();
  });
  it('skips a notice whose recipient is no longer tied to the matter, or cancels it when it went out before', () => {
    const untied = { holds: false, what: 'a guardian' };
    expect(decideAudience(facts({ tie: untied }))).toMatchObject({ status: 'skipped', reason: 'no longer a guardian' });
    const sent = { kind: 'absence' as const, sentAt: new Date(), channel: 'telegram', telegramMessageId: 5 };
    expect(decideAudience(facts({ tie: untied, notice: sent }))).toMatchObject({ status: 'cancelled' });
  });
});

describe('the channel of a notice that goes out', () => {
  it('sends to the Telegram chat, editing the earlier message only when asked and it went by Telegram', () => {
    expect(decideChannel(facts(), true)).toEqual({ action: 'send', channel: 'telegram', chatId: 700, editMessageId: null });
    const sent = { kind: 'absence' as const, sentAt: new Date(), channel: 'telegram', telegramMessageId: 5 };
    expect(decideChannel(facts({ notice: sent }), true)).toMatchObject({ editMessageId: 5 });
    expect(decideChannel(facts({ notice: sent }), false)).toMatchObject({ editMessageId: null });
    expect(decideChannel(facts({ notice: { ...sent, channel: 'email' } }), true)).toMatchObject({
      channel: 'telegram',
      editMessageId: null,
    });
  });
  it('falls back to e-mail for a blocked or unlinked chat, or without a bot', () => {
    const email = { action: 'send', channel: 'email', to: 'parent@example.org' };
    expect(decideChannel(facts({}, { telegramBlocked: true }), false)).toEqual(email);
    expect(decideChannel(facts({}, { telegramChatId: null }), false)).toEqual(email);
    expect(decideChannel(facts({ channels: { telegram: false, email: true } }), false)).toEqual(email);
  });
  it('fails when nothing reaches the recipient: no address, e-mail not wanted, or no mail server', () => {
    const fail = { action: 'fail', reason: 'no channel can reach the recipient' };
    expect(decideChannel(facts({}, { telegramBlocked: true, email: null }), false)).toEqual(fail);
    expect(
      decideChannel(facts({}, { telegramBlocked: true, preferences: { ...DEFAULT_PREFERENCES, emailFallback: false } }), false),
    ).toEqual(fail);
    expect(decideChannel(facts({ channels: { telegram: true, email: false } }, { telegramBlocked: true }), false)).toEqual(fail);
  });
  it('refuses to pick a channel for a notice that may not go out', () => {
    expect(() => decideChannel(facts({}, { hasConsent: false }), false)).toThrow(/no consent/);
  });
});

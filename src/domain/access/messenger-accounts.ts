import type { Clock } from '../shared/clock.js';
import { GoneError, NotFoundError, RateLimitedError, ValidationError } from '../shared/errors.js';
import { sha256 } from '../shared/secrets.js';
import type { UnitOfWork } from '../ports.js';
import { looksLikeCode, normaliseCode } from './codes.js';
import { createCodeLockout } from './code-lockout.js';
import { assertStudentMayLink } from './student-codes.js';
import { LOCALES, MESSENGERS, type BotAccessPort, type Locale, type Messenger, type RedeemResult } from './types.js';

/**
 * A person's messenger accounts as the bot sees them: who is writing, linking with a code,
 * the language chosen before linking and /logout, once for Telegram and MAX alike; each
 * messenger's ids go to its own queries.
 */
export function createMessengerAccounts({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  const { lockedFor, wrongCode } = createCodeLockout(uow);

  /**
   * Links the messenger account to the code's user: one path for Telegram and MAX. The
   * lock-outs (counted per messenger) are checked first and alone, so a locked chat learns
   * nothing about the code it sent. Text that cannot be a code is answered as no code and not
   * counted: only real guesses use up the limits.
   */
  async function redeemIn(messenger: Messenger, input: { code: string; telegramUserId: number; chatId: number }): Promise<RedeemResult> {
    const now = clock.now();
    const code = normaliseCode(input.code);
    if (!looksLikeCode(code)) throw new NotFoundError('Code');
    const who = { chatId: input.chatId, telegramUserId: input.telegramUserId, messenger };
    const wait = await lockedFor(who, now);
    if (wait > 0) throw new RateLimitedError('Too many wrong codes', wait);
    const invite = await uow.repos.access.findInviteByHash(sha256(code));
    if (!invite?.userActive) return wrongCode(uow.repos, who, now);
    if (invite.usedAt) throw new GoneError('The code was already used', 'used');
    if (invite.revokedAt) throw new GoneError('The code was revoked', 'revoked');
    if (invite.expiresAt <= now) throw new GoneError('The code has expired', 'expired');
    await assertStudentMayLink(uow.repos, invite, now);
    await uow.transaction(async (repos) => {
      // A concurrent redeem of the same code loses here, not with a second link.
      const usedBy = messenger === 'telegram' ? input.telegramUserId : null;
      if (!(await repos.access.markUsed(invite.id, now, usedBy))) throw new GoneError('The code was already used', 'used');
      if (messenger === 'telegram')
        await repos.access.linkTelegram(invite.userId, { telegramUserId: input.telegramUserId, chatId: input.chatId, at: now });
      else await repos.access.linkMax(invite.userId, { maxUserId: input.telegramUserId, chatId: input.chatId, at: now });
      await repos.audit.record([
        {
          schoolId: invite.schoolId,
          actorId: invite.userId,
          via: 'bot',
          entity: 'user',
          entityId: invite.userId,
          action: `${messenger}_linked`,
          after: { inviteId: invite.id },
        },
      ]);
    });
    return { userId: invite.userId, schoolId: invite.schoolId, users: (await ports[messenger].identifyChat(input.telegramUserId)).users };
  }

  function checkLocale(locale: Locale) {
    if (!LOCALES.includes(locale)) throw new ValidationError('Unknown language', [{ path: 'locale', message: 'must be ru or en' }]);
  }

  /** The person ends the link of every account this messenger account is linked to. Audited per account. */
  async function logoutIn(messenger: Messenger, accountId: number): Promise<{ unlinked: number }> {
    return uow.transaction(async (repos) => {
      const linked = (messenger === 'telegram' ? await repos.access.identify(accountId) : await repos.access.identifyMax(accountId)).users;
      const ids = linked.map((u) => u.userId);
      const done = messenger === 'telegram' ? await repos.access.unlinkTelegram(ids) : await repos.access.unlinkMax(ids);
      await repos.audit.record(
        done.map((u) => ({
          schoolId: u.schoolId,
          actorId: u.id,
          via: 'bot' as const,
          entity: 'user',
          entityId: u.id,
          action: `${messenger}_unlinked`,
          after: { by: 'self' },
        })),
      );
      return { unlinked: done.length };
    });
  }

  const telegram: BotAccessPort = {
    // Every Telegram update asks this: straight to the prepared query, nothing in between.
    identifyChat: (telegramUserId) => uow.repos.access.identify(telegramUserId),
    redeem: (input) => redeemIn('telegram', input),
    async setLocale(telegramUserId, locale) {
      checkLocale(locale);
      await uow.repos.access.setLocale(telegramUserId, locale);
    },
    logout: (telegramUserId) => logoutIn('telegram', telegramUserId),
  };
  const max: BotAccessPort = {
    identifyChat: (maxUserId) => uow.repos.access.identifyMax(maxUserId),
    redeem: (input) => redeemIn('max', input),
    async setLocale(maxUserId, locale) {
      checkLocale(locale);
      await uow.repos.access.setMaxLocale(maxUserId, locale);
    },
    logout: (maxUserId) => logoutIn('max', maxUserId),
  };
  const ports: Record<Messenger, BotAccessPort> = { telegram, max };

  return {
    ports,
    /**
     * The bot's access for one messenger, for a carrier that feeds that messenger's updates
     * into the same bot: Telegram's ids or MAX's user and dialog ids.
     */
    forMessenger(messenger: Messenger): BotAccessPort {
      if (!MESSENGERS.includes(messenger))
        throw new ValidationError('Unknown messenger', [{ path: 'messenger', message: 'must be telegram or max' }]);
      return ports[messenger];
    },
    /**
     * MAX tells the bot when a person stops its dialog and when they open it again («Начать»):
     * a stopped dialog is marked blocked at once (notices go to the next channel without a failed
     * send first), and an opened one is reachable again.
     */
    async maxDialog(maxUserId: number, open: boolean): Promise<number> {
      return uow.repos.access.setMaxDialog(maxUserId, open ? 'active' : 'blocked');
    },
  };
}

import type { Clock } from '../shared/clock.js';
import { GoneError, NotFoundError, RateLimitedError } from '../shared/errors.js';
import { sha256 } from '../shared/secrets.js';
import type { UnitOfWork } from '../ports.js';
import { createCodeLockout } from './code-lockout.js';
import { looksLikeCode, normaliseCode } from './codes.js';

export interface MaxLinkingDeps {
  uow: UnitOfWork;
  clock: Clock;
}

/**
 * Linking in MAX (issue 19): what the MAX transport calls for `/start <code>` or the deep link's
 * payload. The same codes, checks and lock-outs as Telegram's `redeem` (the lock-outs counted
 * per MAX chat and account); a person may be linked in both messengers at once.
 */
export function createMaxLinking({ uow, clock }: MaxLinkingDeps) {
  const { lockedFor, wrongCode } = createCodeLockout(uow);
  return {
    async linkMax(rawCode: string, maxUserId: number, chatId: number): Promise<{ userId: number; schoolId: number }> {
      const now = clock.now();
      const code = normaliseCode(rawCode);
      if (!looksLikeCode(code)) throw new NotFoundError('Code');
      const who = { chatId, telegramUserId: maxUserId, messenger: 'max' as const };
      const wait = await lockedFor(who, now);
      if (wait > 0) throw new RateLimitedError('Too many wrong codes', wait);
      const invite = await uow.repos.access.findInviteByHash(sha256(code));
      if (!invite?.userActive) return wrongCode(uow.repos, who, now);
      if (invite.usedAt) throw new GoneError('The code was already used', 'used');
      if (invite.revokedAt) throw new GoneError('The code was revoked', 'revoked');
      if (invite.expiresAt <= now) throw new GoneError('The code has expired', 'expired');
      await uow.transaction(async (repos) => {
        if (!(await repos.access.markUsed(invite.id, now, null))) throw new GoneError('The code was already used', 'used');
        await repos.access.linkMax(invite.userId, { maxUserId, chatId, at: now });
        await repos.audit.record([
          {
            schoolId: invite.schoolId,
            actorId: invite.userId,
            via: 'bot',
            entity: 'user',
            entityId: invite.userId,
            action: 'max_linked',
            after: { inviteId: invite.id },
          },
        ]);
      });
      return { userId: invite.userId, schoolId: invite.schoolId };
    },
  };
}

export type MaxLinking = ReturnType<typeof createMaxLinking>;

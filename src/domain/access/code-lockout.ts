import type { Repositories, UnitOfWork } from '../ports.js';
import { NotFoundError } from '../shared/errors.js';
import { MAX_WRONG_CODES, MAX_WRONG_CODES_GLOBAL, MAX_WRONG_CODES_PER_ACCOUNT, WRONG_CODE_WINDOW_MS, retryAfterSeconds } from './codes.js';
import type { CodeGuesser } from './types.js';

/**
 * The lock-outs after wrong activation codes, shared by linking in Telegram and in MAX: per
 * chat and per account of one messenger (their ids may coincide), and across all chats.
 */
export function createCodeLockout(uow: UnitOfWork) {
  return {
    /** Records the guess and answers as for an unknown code. */
    async wrongCode(repos: Repositories, who: CodeGuesser, now: Date): Promise<never> {
      await repos.access.recordAttempt(who, now);
      throw new NotFoundError('Code');
    },

    /** The longest wait of the three lock-outs (chat, account, all chats); 0 when none holds. */
    async lockedFor(who: CodeGuesser, now: Date): Promise<number> {
      const recent = await uow.repos.access.attemptsSince(who, new Date(now.getTime() - WRONG_CODE_WINDOW_MS), MAX_WRONG_CODES_GLOBAL);
      const limits: [Date[], number][] = [
        [recent.chat, MAX_WRONG_CODES],
        [recent.user, MAX_WRONG_CODES_PER_ACCOUNT],
        [recent.global, MAX_WRONG_CODES_GLOBAL],
      ];
      return Math.max(0, ...limits.filter(([times, max]) => times.length >= max).map(([times, max]) => retryAfterSeconds(times, now, max)));
    },
  };
}

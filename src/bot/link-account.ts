import type { LinkedUser } from '../domain/access/types.js';
import { fullName } from '../domain/access/codes.js';
import { StudentConsentRequiredError } from '../domain/family/student-guard.js';
import { GoneError, NotFoundError, RateLimitedError } from '../domain/shared/errors.js';
import { InlineKeyboard } from 'grammy';
import type { BotAccess, FollowUp } from './deps.js';
import type { Translate } from '../i18n/index.js';

/** Serialisable, so a conversation can keep it in its replay log. */
export type LinkOutcome =
  | { kind: 'linked'; userId: number; users: LinkedUser[] }
  | { kind: 'wrong' | 'expired' | 'used' | 'revoked' | 'needsGuardian' }
  | { kind: 'locked'; minutes: number };

export async function linkWithCode(
  access: BotAccess,
  input: { code: string; telegramUserId: number; chatId: number },
): Promise<LinkOutcome> {
  try {
    const res = await access.redeem(input);
    return { kind: 'linked', userId: res.userId, users: res.users };
  } catch (err) {
    if (err instanceof RateLimitedError) return { kind: 'locked', minutes: Math.max(1, Math.ceil(err.retryAfterSeconds / 60)) };
    if (err instanceof GoneError && (err.reason === 'expired' || err.reason === 'used' || err.reason === 'revoked'))
      return { kind: err.reason };
    if (err instanceof NotFoundError) return { kind: 'wrong' };
    // An under-14 student before a guardian's consent: the code stays unused for later.
    if (err instanceof StudentConsentRequiredError) return { kind: 'needsGuardian' };
    throw err;
  }
}

export function outcomeText(t: Translate, outcome: LinkOutcome): string {
  switch (outcome.kind) {
    case 'linked': {
      const user = outcome.users.find((u) => u.userId === outcome.userId) ?? outcome.users[0];
      return user ? t('start.linked', { name: fullName(user), school: user.schoolName }) : t('code.wrong');
    }
    case 'locked':
      return t('code.locked', { minutes: outcome.minutes });
    case 'wrong':
      return t('code.wrong');
    default:
      return t(`code.${outcome.kind}`);
  }
}

/** Links the chat's account with the code; a language it chose before linking comes along (the access service keeps it). */
export async function linkChat(
  access: BotAccess,
  ctx: { chat?: { id: number; type: string }; from?: { id: number } },
  code: string,
): Promise<LinkOutcome> {
  const telegramUserId = ctx.from?.id ?? ctx.chat?.id;
  if (telegramUserId === undefined || !ctx.chat) return { kind: 'wrong' };
  return linkWithCode(access, { code, telegramUserId, chatId: ctx.chat.id });
}

export function followUpKeyboard(follow: FollowUp): InlineKeyboard {
  return InlineKeyboard.from(follow.buttons.map((row) => row.map((b) => InlineKeyboard.text(b.text, b.data))));
}

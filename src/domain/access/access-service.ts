import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import { GoneError, NotFoundError, RateLimitedError, ValidationError } from '../shared/errors.js';
import { actorIdOf, assertSchoolAdmin, sameSchool, viaOf, type Principal, type Role } from '../shared/principal.js';
import { sha256 } from '../shared/secrets.js';
import type { UnitOfWork } from '../ports.js';
import { looksLikeCode, normaliseCode } from './codes.js';
import { createCodeLockout } from './code-lockout.js';
import { createIssuer } from './issue.js';
import { assertStudentMayLink, createStudentCodes } from './student-codes.js';
import {
  LOCALES,
  type AccessUser,
  type ChatIdentity,
  type IssuedCode,
  type LinkedUser,
  type Locale,
  type RedeemResult,
  type UserListItem,
} from './types.js';

export interface AccessServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  ttlDays: number;
  /** Known once the bot has started (getMe) or from the configuration. */
  botUsername: () => string | null;
}

export interface GroupCodeOptions {
  onlyUnlinked?: boolean;
  userIds?: readonly number[];
}

export function createAccessService({ uow, clock, ttlDays, botUsername }: AccessServiceDeps) {
  const { lockedFor, wrongCode } = createCodeLockout(uow);
  async function schoolOf(principal: Principal, schoolId: number) {
    const school = sameSchool(principal, schoolId) ? await uow.repos.schools.findById(schoolId) : null;
    if (!school) throw new NotFoundError('School', schoolId);
    return school;
  }

  async function userOf(principal: Principal, schoolId: number, userId: number): Promise<AccessUser> {
    const user = sameSchool(principal, schoolId) ? await uow.repos.access.findUser(schoolId, userId) : null;
    if (!user) throw new NotFoundError('User', userId);
    return user;
  }

  const issue = createIssuer({ uow, clock, ttlDays, botUsername });
  const studentCodes = createStudentCodes({ uow, clock, issue, schoolOf });

  return {
    ...studentCodes,

    async listUsers(principal: Principal, schoolId: number, q: { role?: Role; groupId?: number } = {}): Promise<UserListItem[]> {
      const school = await schoolOf(principal, schoolId);
      assertSchoolAdmin(principal, schoolId);
      const now = clock.now();
      return uow.repos.access.listUsers({ schoolId, ...q, onDate: localDateOf(now, school.timezone), now });
    },

    async issueForUser(principal: Principal, schoolId: number, userId: number): Promise<IssuedCode> {
      const user = await userOf(principal, schoolId, userId);
      assertSchoolAdmin(principal, schoolId);
      if (!user.active) throw new ValidationError('The user is deactivated', [{ path: 'id', message: 'is not active' }]);
      const [issued] = await issue(principal, schoolId, [user]);
      return issued!;
    },

    /**
     * Codes for the parents of every student enrolled in the group today (a class teacher hands
     * them out); `userIds` narrows it to those parents, and one that is not a parent of the group is missing.
     */
    async issueForGroupParents(principal: Principal, schoolId: number, groupId: number, opts: GroupCodeOptions = {}) {
      const school = await schoolOf(principal, schoolId);
      const group = await uow.repos.access.findGroup(schoolId, groupId);
      if (!group) throw new NotFoundError('Group', groupId);
      const isClassTeacher = principal.kind === 'user' && group.classTeacherId === principal.userId;
      if (!isClassTeacher) assertSchoolAdmin(principal, schoolId);
      const parents = await uow.repos.access.parentsOfGroup(groupId, localDateOf(clock.now(), school.timezone));
      const wanted = parents.filter((p) => p.active && !(opts.onlyUnlinked && p.telegramLinked) && (opts.userIds?.includes(p.id) ?? true));
      const stray = opts.userIds?.find((id) => !wanted.some((p) => p.id === id));
      if (stray !== undefined) throw new NotFoundError('User', stray);
      return { group: { id: group.id, name: group.name }, codes: await issue(principal, schoolId, wanted) };
    },

    /** The administrator ends a user's Telegram link (a lost phone, a shared account). Audited. */
    async unlink(principal: Principal, schoolId: number, userId: number): Promise<{ unlinked: boolean }> {
      await userOf(principal, schoolId, userId);
      assertSchoolAdmin(principal, schoolId);
      return uow.transaction(async (repos) => {
        const done = await repos.access.unlinkTelegram([userId]);
        if (done.length) {
          const actor = { schoolId, actorId: actorIdOf(principal), via: viaOf(principal) };
          await repos.audit.record([{ ...actor, entity: 'user', entityId: userId, action: 'telegram_unlinked' }]);
        }
        return { unlinked: done.length > 0 };
      });
    },

    /** /logout: the person ends the link of every account this Telegram account is linked to. Audited per account. */
    async logout(telegramUserId: number): Promise<{ unlinked: number }> {
      return uow.transaction(async (repos) => {
        const linked = (await repos.access.identify(telegramUserId)).users;
        const done = await repos.access.unlinkTelegram(linked.map((u) => u.userId));
        await repos.audit.record(
          done.map((u) => ({
            schoolId: u.schoolId,
            actorId: u.id,
            via: 'bot' as const,
            entity: 'user',
            entityId: u.id,
            action: 'telegram_unlinked',
            after: { by: 'self' },
          })),
        );
        return { unlinked: done.length };
      });
    },

    async revoke(principal: Principal, schoolId: number, userId: number): Promise<{ revoked: number }> {
      await userOf(principal, schoolId, userId);
      assertSchoolAdmin(principal, schoolId);
      return uow.transaction(async (repos) => {
        const revoked = await repos.access.revokeUnused([userId], clock.now());
        const actor = { schoolId, actorId: actorIdOf(principal), via: viaOf(principal) };
        await repos.audit.record([{ ...actor, entity: 'user', entityId: userId, action: 'access_code_revoked', after: { revoked } }]);
        return { revoked };
      });
    },

    /**
     * Links the Telegram account to the code's user. The lock-outs are checked first and alone,
     * so a locked chat learns nothing about the code it sent. Text that cannot be a code is
     * answered as no code and not counted: only real guesses use up the limits.
     */
    async redeem(input: { code: string; telegramUserId: number; chatId: number }): Promise<RedeemResult> {
      const now = clock.now();
      const code = normaliseCode(input.code);
      if (!looksLikeCode(code)) throw new NotFoundError('Code');
      const who = { chatId: input.chatId, telegramUserId: input.telegramUserId };
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
        if (!(await repos.access.markUsed(invite.id, now, input.telegramUserId))) throw new GoneError('The code was already used', 'used');
        await repos.access.linkTelegram(invite.userId, { telegramUserId: input.telegramUserId, chatId: input.chatId, at: now });
        await repos.audit.record([
          {
            schoolId: invite.schoolId,
            actorId: invite.userId,
            via: 'bot',
            entity: 'user',
            entityId: invite.userId,
            action: 'telegram_linked',
            after: { inviteId: invite.id },
          },
        ]);
      });
      return { userId: invite.userId, schoolId: invite.schoolId, users: (await uow.repos.access.identify(input.telegramUserId)).users };
    },

    /** The active users linked to a Telegram account (one per school and role set). */
    async identify(telegramUserId: number): Promise<LinkedUser[]> {
      return (await uow.repos.access.identify(telegramUserId)).users;
    },

    /** The bot's question on every update: the linked users and the language chosen before linking. */
    async identifyChat(telegramUserId: number): Promise<ChatIdentity> {
      return uow.repos.access.identify(telegramUserId);
    },

    async setLocale(telegramUserId: number, locale: Locale): Promise<void> {
      if (!LOCALES.includes(locale)) throw new ValidationError('Unknown language', [{ path: 'locale', message: 'must be ru or en' }]);
      await uow.repos.access.setLocale(telegramUserId, locale);
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

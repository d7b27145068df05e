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
  MESSENGERS,
  type AccessUser,
  type BotAccessPort,
  type IssuedCode,
  type LinkedUser,
  type Locale,
  type Messenger,
  type MessengerChoice,
  type MessengerLinks,
  type RedeemResult,
  type UserListItem,
} from './types.js';

export interface AccessServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  ttlDays: number;
  /** Known once the bot has started (getMe) or from the configuration. */
  botUsername: () => string | null;
  /** The MAX bot's username once MAX told it (codes then carry `maxLink`); null or absent: no MAX link. */
  maxBotUsername?: () => string | null;
}

export interface GroupCodeOptions {
  /** Skip people linked in either messenger. */
  onlyUnlinked?: boolean;
  userIds?: readonly number[];
}

export function createAccessService({ uow, clock, ttlDays, botUsername, maxBotUsername }: AccessServiceDeps) {
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

  const issue = createIssuer({ uow, clock, ttlDays, botUsername, maxBotUsername });
  const studentCodes = createStudentCodes({ uow, clock, issue, schoolOf });

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
      const wanted = parents.filter((p) => p.active && !(opts.onlyUnlinked && isLinked(p)) && (opts.userIds?.includes(p.id) ?? true));
      const stray = opts.userIds?.find((id) => !wanted.some((p) => p.id === id));
      if (stray !== undefined) throw new NotFoundError('User', stray);
      return { group: { id: group.id, name: group.name }, codes: await issue(principal, schoolId, wanted) };
    },

    /**
     * The administrator ends a user's messenger links, Telegram's and MAX's (a lost phone, a
     * shared account). Audited per messenger; `unlinked`: some link ended.
     */
    async unlink(principal: Principal, schoolId: number, userId: number): Promise<{ unlinked: boolean }> {
      await userOf(principal, schoolId, userId);
      assertSchoolAdmin(principal, schoolId);
      return uow.transaction(async (repos) => {
        const telegram = await repos.access.unlinkTelegram([userId]);
        const max = await repos.access.unlinkMax([userId]);
        const actor = { schoolId, actorId: actorIdOf(principal), via: viaOf(principal) };
        await repos.audit.record([
          ...telegram.map(() => ({ ...actor, entity: 'user', entityId: userId, action: 'telegram_unlinked' })),
          ...max.map(() => ({ ...actor, entity: 'user', entityId: userId, action: 'max_unlinked' })),
        ]);
        return { unlinked: telegram.length + max.length > 0 };
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

    /** The active users linked to a Telegram account (one per school and role set). */
    async identify(telegramUserId: number): Promise<LinkedUser[]> {
      return (await uow.repos.access.identify(telegramUserId)).users;
    },

    /** The bot's question on every Telegram update: the linked users and the language chosen before linking. */
    identifyChat: telegram.identifyChat,
    /** Links the Telegram account to the code's user (see `redeemIn`). */
    redeem: telegram.redeem,
    setLocale: telegram.setLocale,
    /** /logout: the person ends the link of every account this Telegram account is linked to. Audited per account. */
    logout: telegram.logout,

    /**
     * The bot's access for one messenger, for a carrier that feeds that messenger's updates
     * into the same bot: Telegram's is the methods above; MAX's takes MAX's user and dialog ids.
     */
    forMessenger(messenger: Messenger): BotAccessPort {
      if (!MESSENGERS.includes(messenger))
        throw new ValidationError('Unknown messenger', [{ path: 'messenger', message: 'must be telegram or max' }]);
      return ports[messenger];
    },

    /** The messengers the user is linked in, the one chosen in settings and the one notices go to first. */
    /**
     * MAX tells the bot when a person stops its dialog and when they open it again («Начать»):
     * a stopped dialog is marked blocked at once (notices go to the next channel without a failed
     * send first), and an opened one is reachable again.
     */
    async maxDialog(maxUserId: number, open: boolean): Promise<number> {
      return uow.repos.access.setMaxDialog(maxUserId, open ? 'active' : 'blocked');
    },

    async messengerChoice(userId: number): Promise<MessengerChoice> {
      const links = await uow.repos.access.messengerLinks(userId);
      if (!links) throw new NotFoundError('User', userId);
      return choiceOf(links);
    },

    /** The settings screen's choice of where notices go, for a person linked in that messenger. Audited. */
    async setPreferredMessenger(userId: number, messenger: Messenger): Promise<MessengerChoice> {
      if (!MESSENGERS.includes(messenger))
        throw new ValidationError('Unknown messenger', [{ path: 'messenger', message: 'must be telegram or max' }]);
      return uow.transaction(async (repos) => {
        const links = await repos.access.messengerLinks(userId);
        if (!links) throw new NotFoundError('User', userId);
        const before = choiceOf(links);
        if (!before.linked.includes(messenger))
          throw new ValidationError('Not linked in this messenger', [{ path: 'messenger', message: `is not linked in ${messenger}` }]);
        if (before.preferred === messenger) return before;
        await repos.access.setPreferredMessenger(userId, messenger);
        await repos.audit.record([
          {
            schoolId: links.schoolId,
            actorId: userId,
            via: 'bot',
            entity: 'user',
            entityId: userId,
            action: 'preferred_messenger_set',
            before: { preferred: before.preferred },
            after: { preferred: messenger },
          },
        ]);
        return choiceOf({ ...links, preferred: messenger });
      });
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

/** Linked in Telegram, MAX or both: "codes only for the unlinked" skips them. */
export function isLinked(u: Pick<AccessUser, 'telegramLinked' | 'maxLinked'>): boolean {
  return u.telegramLinked || u.maxLinked;
}

/** The preferred messenger if linked in it, else the one linked last (the rule of delivery's `messengerOrder`). */
export function choiceOf(links: MessengerLinks): MessengerChoice {
  const linked: Messenger[] = [];
  if (links.telegramLinked) linked.push('telegram');
  if (links.maxLinkedAt) linked.push('max');
  let lastLinked: Messenger | null = links.telegramLinked ? 'telegram' : null;
  const tgAt = links.telegramLinkedAt;
  if (links.maxLinkedAt && (!links.telegramLinked || tgAt === null || links.maxLinkedAt > tgAt)) lastLinked = 'max';
  const effective = links.preferred && linked.includes(links.preferred) ? links.preferred : lastLinked;
  return { linked, preferred: links.preferred, effective };
}

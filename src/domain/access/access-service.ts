import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { actorIdOf, assertSchoolAdmin, sameSchool, viaOf, type Principal, type Role } from '../shared/principal.js';
import type { UnitOfWork } from '../ports.js';
import { createIssuer } from './issue.js';
import { createStudentCodes } from './student-codes.js';
import { createMessengerAccounts } from './messenger-accounts.js';
import { createMessengerChoice } from './messenger-choice.js';
import type { AccessUser, IssuedCode, LinkedUser, UserListItem } from './types.js';

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

  const accounts = createMessengerAccounts({ uow, clock });
  const { telegram } = accounts.ports;

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

    forMessenger: accounts.forMessenger,
    maxDialog: accounts.maxDialog,
    ...createMessengerChoice(uow),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

/** Linked in Telegram, MAX or both: "codes only for the unlinked" skips them. */
export function isLinked(u: Pick<AccessUser, 'telegramLinked' | 'maxLinked'>): boolean {
  return u.telegramLinked || u.maxLinked;
}

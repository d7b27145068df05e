import type { Clock } from '../shared/clock.js';
import { actorIdOf, viaOf, type Principal } from '../shared/principal.js';
import { randomCode, sha256 } from '../shared/secrets.js';
import type { UnitOfWork } from '../ports.js';
import { CODE_LENGTH, fullName } from './codes.js';
import type { AccessUser, IssuedCode } from './types.js';

export interface IssuerDeps {
  uow: UnitOfWork;
  clock: Clock;
  ttlDays: number;
  botUsername: () => string | null;
  /** The MAX bot's username, once MAX told it; codes then carry a MAX deep link too. */
  maxBotUsername?: () => string | null;
}

export type Issue = (
  principal: Principal,
  schoolId: number,
  users: AccessUser[],
  classNames?: Map<number, string | null>,
) => Promise<IssuedCode[]>;

const kindOf = (u: AccessUser): IssuedCode['kind'] => (u.studentId !== null ? 'student' : u.roles.includes('parent') ? 'parent' : 'staff');

/** New codes replace the users' older unused ones, in one transaction (a reissue revokes the old code). */
export function createIssuer({ uow, clock, ttlDays, botUsername, maxBotUsername }: IssuerDeps): Issue {
  function linkOf(code: string): string | null {
    const bot = botUsername();
    return bot ? `https://t.me/${bot}?start=${code}` : null;
  }
  /** MAX's deep link: it arrives as `bot_started` with the code, which the carrier makes `/start <code>`. */
  function maxLinkOf(code: string): string | null {
    const bot = maxBotUsername?.() ?? null;
    return bot ? `https://max.ru/${bot}?start=${code}` : null;
  }

  return async (principal, schoolId, users, classNames = new Map()) => {
    if (!users.length) return [];
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
    const codes = users.map(() => randomCode(CODE_LENGTH));
    return uow.transaction(async (repos) => {
      const ids = users.map((u) => u.id);
      await repos.access.revokeUnused(ids, now);
      await repos.access.insertInvites(users.map((u, i) => ({ userId: u.id, codeHash: sha256(codes[i]!), expiresAt })));
      const children = await repos.access.childrenNames(ids.filter((_, i) => users[i]!.roles.includes('parent')));
      await repos.audit.record(
        users.map((u) => ({
          schoolId,
          actorId: actorIdOf(principal),
          via: viaOf(principal),
          entity: 'user',
          entityId: u.id,
          action: 'access_code_issued',
          after: { expiresAt: expiresAt.toISOString() },
        })),
      );
      return users.map((u, i) => ({
        userId: u.id,
        name: fullName(u),
        lastName: u.lastName,
        firstName: u.firstName,
        middleName: u.middleName,
        roles: u.roles,
        students: children.get(u.id) ?? [],
        kind: kindOf(u),
        studentId: u.studentId,
        className: u.studentId !== null ? (classNames.get(u.studentId) ?? null) : null,
        code: codes[i]!,
        expiresAt,
        link: linkOf(codes[i]!),
        maxLink: maxLinkOf(codes[i]!),
      }));
    });
  };
}

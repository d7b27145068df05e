import type { LinkedUser } from '../../../domain/access/types.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import type { BotFamily } from '../../deps.js';

export function principalOf(user: LinkedUser): Principal {
  return { kind: 'user', userId: user.userId, schoolId: user.schoolId, roles: user.roles };
}

/** The parent accounts of this Telegram user (one per school they have children in). */
export function parentUsers(users: readonly LinkedUser[]): LinkedUser[] {
  return users.filter((u) => u.roles.includes('parent'));
}

/** The parent and student accounts: who may read a student's day, week and period. */
export function readerUsers(users: readonly LinkedUser[]): LinkedUser[] {
  return users.filter((u) => u.roles.includes('parent') || u.roles.includes('student'));
}

export async function consentSplit(family: BotFamily, users: readonly LinkedUser[]) {
  const parents = parentUsers(users);
  const statuses = await Promise.all(parents.map((u) => family.consentStatus(principalOf(u))));
  return {
    parents,
    consented: parents.filter((_, i) => statuses[i]!.granted),
    pending: parents.filter((_, i) => !statuses[i]!.granted),
  };
}

/**
 * Runs `fn` as each of `users` until one is allowed: a child belongs to exactly one of them.
 * Returns null when none may (another family's child, no consent).
 */
async function asAnyOf<T>(users: LinkedUser[], fn: (p: Principal) => Promise<T>, skip: (err: unknown) => boolean): Promise<T | null> {
  for (const user of users) {
    try {
      return await fn(principalOf(user));
    } catch (err) {
      if (!skip(err)) throw err;
    }
  }
  return null;
}

/** As each parent account of the presser (answers to absence notices are a parent's). */
export function asAnyParent<T>(ctx: BotContext, fn: (p: Principal) => Promise<T>, skip: (err: unknown) => boolean): Promise<T | null> {
  return asAnyOf(parentUsers(ctx.users), fn, skip);
}

/** As each parent or student account of the presser: the read-only day, week and period screens. */
export function asAnyReader<T>(ctx: BotContext, fn: (p: Principal) => Promise<T>, skip: (err: unknown) => boolean): Promise<T | null> {
  return asAnyOf(readerUsers(ctx.users), fn, skip);
}

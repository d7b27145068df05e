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
 * Runs `fn` as each parent account of the presser until one is allowed: a child belongs to
 * exactly one of them. Returns null when none may (another family's child, no consent).
 */
export async function asAnyParent<T>(
  ctx: BotContext,
  fn: (p: Principal) => Promise<T>,
  skip: (err: unknown) => boolean,
): Promise<T | null> {
  for (const user of parentUsers(ctx.users)) {
    try {
      return await fn(principalOf(user));
    } catch (err) {
      if (!skip(err)) throw err;
    }
  }
  return null;
}

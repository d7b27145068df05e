import { CONTROL_ROLES } from '../../../domain/compliance/index.js';
import type { LinkedUser } from '../../../domain/access/types.js';
import type { Clock } from '../../../domain/shared/clock.js';
import { DomainError } from '../../../domain/shared/errors.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import type { BotCompliance, BotReports, BotRoster } from '../../deps.js';
import type { MessageKey } from '../../i18n/index.js';

export interface DeputyDeps {
  compliance: BotCompliance;
  reports: BotReports;
  roster: BotRoster;
  clock: Clock;
}

/** The linked accounts that may read compliance and reports: deputy director, director, administrator. */
export function controlUsers(users: readonly LinkedUser[]): LinkedUser[] {
  return users.filter((u) => u.roles.some((r) => CONTROL_ROLES.includes(r)));
}

export function principalOf(user: LinkedUser): Principal {
  return { kind: 'user', userId: user.userId, schoolId: user.schoolId, roles: user.roles };
}

/** Thrown by a press handler to refuse with a short alert and change nothing. */
export class Refusal extends Error {
  constructor(readonly key: MessageKey, readonly text?: string) {
    super(key);
  }
}

/**
 * Wraps a callback handler: the returned text is a short toast; a Refusal or a domain error becomes
 * an alert; the spinner always stops. Other errors (an outage) go on to the error boundary.
 */
export function press(fn: (ctx: BotContext & { match: RegExpMatchArray }) => Promise<string | void>) {
  return async (ctx: BotContext & { match: RegExpMatchArray | string }) => {
    let text: string | undefined;
    let alert = false;
    try {
      text = (await fn(ctx as BotContext & { match: RegExpMatchArray })) ?? undefined;
    } catch (err) {
      if (err instanceof Refusal) text = err.text ?? ctx.t(err.key);
      // The service refused (a role taken away between two presses): an alert, not a spinner left turning.
      else if (err instanceof DomainError) text = ctx.t(err.code === 'not_found' ? 'error.notFound' : err.code === 'forbidden' ? 'error.forbidden' : 'error.generic');
      else throw err;
      alert = true;
      ctx.log?.info({ data: ctx.callbackQuery?.data, refusal: err instanceof Refusal ? err.key : (err as DomainError).code }, 'deputy button refused');
    }
    await ctx.answerCallbackQuery(text ? { text, show_alert: alert } : undefined).catch(() => {});
  };
}

/** Telegram refuses an edit that changes nothing ("message is not modified"): a double tap, harmless. */
export async function quietEdit(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Error && /message is not modified/i.test(err.message)) return;
    throw err;
  }
}

/** "Петров Олег Ильич" -> "Петров О. И.": a line per teacher fits a phone. */
export function shortName(full: string): string {
  const [last, ...rest] = full.trim().split(/\s+/);
  return [last, ...rest.map((p) => `${p.slice(0, 1)}.`)].join(' ');
}

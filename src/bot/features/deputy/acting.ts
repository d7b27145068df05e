import { CONTROL_ROLES, HEAD_ROLE } from '../../../domain/compliance/index.js';
import type { LinkedUser } from '../../../domain/access/types.js';
import type { Clock } from '../../../domain/shared/clock.js';
import { buttonHandler, type PressContext } from '../buttons.js';
import type { BotCompliance, BotReports, BotRoster } from '../../deps.js';

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

/** Who may open «Контроль» and press «Напомнить»: control roles, and heads of department for their teachers. */
export function complianceUsers(users: readonly LinkedUser[]): LinkedUser[] {
  return users.filter((u) => u.roles.some((r) => CONTROL_ROLES.includes(r) || r === HEAD_ROLE));
}

/** A head of department without a control role: their screens are scoped and have no reports. */
export const isHeadOnly = (user: LinkedUser) => controlUsers([user]).length === 0;

export { nextRow, principalOf, quietEdit, Refusal } from '../buttons.js';

/** The deputy's buttons: a service refusal reads as "not found", "not allowed" or a generic failure. */
export const press = (fn: (ctx: PressContext) => Promise<string | undefined> | Promise<void>) =>
  buttonHandler(
    'deputy',
    (err) => (err.code === 'not_found' ? 'error.notFound' : err.code === 'forbidden' ? 'error.forbidden' : 'error.generic'),
    fn,
  );

/** "Петров Олег Ильич" -> "Петров О. И.": a line per teacher fits a phone. */
export function shortName(full: string): string {
  const [last, ...rest] = full.trim().split(/\s+/);
  return [last, ...rest.map((p) => `${p.slice(0, 1)}.`)].join(' ');
}

import type { LinkedUser } from '../../../domain/access/types.js';
import type { Clock } from '../../../domain/shared/clock.js';
import { DomainError, ReadOnlyError } from '../../../domain/shared/errors.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { LessonView } from '../../../domain/journal/index.js';
import { buttonHandler, principalOf, Refusal, type PressContext } from '../buttons.js';
import type { BotClassFlags, BotJournal, BotSchools } from '../../deps.js';
import type { MessageKey, Translate } from '../../../i18n/index.js';

export interface TeacherDeps {
  journal: BotJournal;
  schools: BotSchools;
  clock: Clock;
  /** «🚩 Классному руководителю» on the lesson card; without it the card has no such button. */
  classFlags?: BotClassFlags;
}

/** Every linked account but a parent-only one may be someone's teacher or substitute. */
export function staffPrincipals(users: readonly LinkedUser[]): Principal[] {
  return users.filter((u) => u.roles.some((r) => r !== 'parent')).map(principalOf);
}

/**
 * The lesson as the first linked account allowed to read it sees it. The journal service does
 * the authorizing; with one account (the usual case) this is one call. The first refusal is
 * rethrown when no account may read it.
 */
export async function openLesson(
  journal: BotJournal,
  users: readonly LinkedUser[],
  lessonId: number,
): Promise<{ principal: Principal; view: LessonView }> {
  return asFirstAllowed(users, (principal) => journal.getLesson(principal, lessonId));
}

/** openLesson, refused with the reason when its topic, homework or work type cannot be changed now. */
export async function openEditable(
  journal: BotJournal,
  users: readonly LinkedUser[],
  lessonId: number,
): Promise<{ principal: Principal; view: LessonView }> {
  const opened = await openLesson(journal, users, lessonId);
  if (!opened.view.editable.editable) throw new Refusal(readOnlyKey(opened.view.editable.reason));
  return opened;
}

/**
 * `act` as each staff account in turn until one is allowed (not refused as forbidden or not
 * found): a read, or a write that authorizes by itself. The first refusal is rethrown when none is.
 */
export async function asFirstAllowed<V>(
  users: readonly LinkedUser[],
  act: (principal: Principal) => Promise<V>,
): Promise<{ principal: Principal; view: V }> {
  const principals = staffPrincipals(users);
  let refusal: unknown = null;
  for (const principal of principals) {
    try {
      return { principal, view: await act(principal) };
    } catch (err) {
      if (!(err instanceof DomainError) || (err.code !== 'forbidden' && err.code !== 'not_found')) throw err;
      refusal ??= err;
    }
  }
  throw refusal ?? new DomainError('forbidden', 'No staff account is linked');
}

/** The short text a refused button press gets (answerCallbackQuery). */
export function refusalKey(err: DomainError): MessageKey {
  if (err instanceof ReadOnlyError) {
    const reason = err.reason;
    if (reason === 'cancelled') return 'teacher.refused.cancelled';
    if (reason === 'edit_window') return 'teacher.refused.editWindow';
    if (reason === 'closed_year') return 'teacher.refused.closedYear';
    if (reason === 'not_started') return 'teacher.refused.notStarted';
  }
  if (err.code === 'forbidden') return 'teacher.refused.forbidden';
  if (err.code === 'not_found') return 'teacher.refused.notFound';
  if (err.code === 'validation_failed') return 'teacher.refused.stale';
  return 'error.generic';
}

/** The reason an Editability gives, as the same short text. */
export function readOnlyKey(reason: string | null): MessageKey {
  switch (reason) {
    case 'cancelled':
      return 'teacher.refused.cancelled';
    case 'edit_window':
      return 'teacher.refused.editWindow';
    case 'closed_year':
      return 'teacher.refused.closedYear';
    case 'not_started':
      return 'teacher.refused.notStarted';
    case 'not_allowed':
      return 'teacher.refused.forbidden';
    default:
      return 'teacher.refused.stale';
  }
}

export { nextRow, quietEdit, Refusal } from '../buttons.js';

/**
 * The teacher's buttons: a domain refusal reads as the reason the lesson cannot be changed. The
 * answer rides on the webhook reply unless the press asks a question (enters a conversation).
 */
export const pressHandler = (
  fn: (ctx: PressContext) => Promise<string | undefined> | Promise<void>,
  options: { asksQuestion?: boolean } = {},
) => buttonHandler('teacher', refusalKey, fn, { webhookReply: !options.asksQuestion });

export function shortName(s: { lastName: string; firstName: string }): string {
  return `${s.lastName} ${s.firstName.slice(0, 1)}.`;
}

export type { Translate };

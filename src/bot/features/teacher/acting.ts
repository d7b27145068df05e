import type { LinkedUser } from '../../../domain/access/types.js';
import type { Clock } from '../../../domain/shared/clock.js';
import { DomainError, ReadOnlyError } from '../../../domain/shared/errors.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { AttendanceContext, LessonView } from '../../../domain/journal/index.js';
import type { BotContext } from '../../context.js';
import type { BotJournal, BotSchools } from '../../deps.js';
import type { MessageKey, Translate } from '../../i18n/index.js';

export interface TeacherDeps {
  journal: BotJournal;
  schools: BotSchools;
  clock: Clock;
}

/** Every linked account but a parent-only one may be someone's teacher or substitute. */
export function staffPrincipals(users: readonly LinkedUser[]): Principal[] {
  return users
    .filter((u) => u.roles.some((r) => r !== 'parent'))
    .map((u) => ({ kind: 'user', userId: u.userId, schoolId: u.schoolId, roles: u.roles }));
}

/**
 * The lesson as the first linked account allowed to read it sees it. The journal service does
 * the authorizing; with one account (the usual case) this is one call. The first refusal is
 * rethrown when no account may read it.
 */
export async function openLesson(journal: BotJournal, users: readonly LinkedUser[], lessonId: number): Promise<{ principal: Principal; view: LessonView }> {
  return asFirstReader(users, (principal) => journal.getLesson(principal, lessonId));
}

/** The same with the lean read an attendance tap needs. */
export async function openAttendance(journal: BotJournal, users: readonly LinkedUser[], lessonId: number): Promise<{ principal: Principal; view: AttendanceContext }> {
  return asFirstReader(users, (principal) => journal.attendanceContext(principal, lessonId));
}

async function asFirstReader<V>(users: readonly LinkedUser[], read: (principal: Principal) => Promise<V>): Promise<{ principal: Principal; view: V }> {
  const principals = staffPrincipals(users);
  let refusal: unknown = null;
  for (const principal of principals) {
    try {
      return { principal, view: await read(principal) };
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
    case 'cancelled': return 'teacher.refused.cancelled';
    case 'edit_window': return 'teacher.refused.editWindow';
    case 'closed_year': return 'teacher.refused.closedYear';
    case 'not_started': return 'teacher.refused.notStarted';
    case 'not_allowed': return 'teacher.refused.forbidden';
    default: return 'teacher.refused.stale';
  }
}

/** Thrown by a handler to refuse a press with a short text and change nothing. */
export class Refusal extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

/**
 * Wraps a callback handler: a domain error or a Refusal answers the press with a short alert
 * and writes nothing; the spinner is always stopped.
 */
export function pressHandler(fn: (ctx: BotContext & { match: RegExpMatchArray }) => Promise<string | void>) {
  return async (ctx: BotContext & { match: RegExpMatchArray | string }) => {
    let answer: string | undefined;
    let alert = false;
    try {
      answer = (await fn(ctx as BotContext & { match: RegExpMatchArray })) ?? undefined;
    } catch (err) {
      if (err instanceof Refusal) answer = ctx.t(err.key);
      else if (err instanceof DomainError) answer = ctx.t(refusalKey(err));
      else throw err;
      alert = true;
      ctx.log?.info({ data: ctx.callbackQuery?.data, err: err instanceof Error ? err.message : String(err) }, 'teacher button refused');
    }
    await ctx.answerCallbackQuery(answer ? { text: answer, show_alert: alert } : undefined).catch(() => {});
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

export function shortName(s: { lastName: string; firstName: string }): string {
  return `${s.lastName} ${s.firstName.slice(0, 1)}.`;
}

export type { Translate };

import { InlineKeyboard } from 'grammy';
import type { LinkedUser } from '../../../domain/access/types.js';
import type { ClassCodesService } from '../../../domain/access/class-codes.js';
import type { ClassDocumentsService } from '../../../domain/reports/class-documents.js';
import type { Clock } from '../../../domain/shared/clock.js';
import { NotFoundError } from '../../../domain/shared/errors.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import type { BotFamily } from '../../deps.js';
import { buttonHandler, principalOf, Refusal, type PressContext } from '../buttons.js';
import { cb } from './callback-data.js';

export interface ClassDocsDeps {
  codes: Pick<ClassCodesService, 'people' | 'slips'>;
  documents: Pick<ClassDocumentsService, 'periods' | 'attendance' | 'results'>;
  family: Pick<BotFamily, 'myClasses'>;
  clock: Clock;
}

export const classTeachers = (users: readonly LinkedUser[]) => users.filter((u) => u.roles.includes('class_teacher'));

/**
 * Runs `fn` as each class-teacher account of the presser until one's school has the group (a
 * teacher may work in two schools); the domain decides whether it is their class. With no such
 * account the group is missing.
 */
export async function asClassTeacher<T>(ctx: BotContext, fn: (principal: Principal, user: LinkedUser) => Promise<T>): Promise<T> {
  const teachers = classTeachers(ctx.users);
  if (!teachers.length) throw new Refusal('classdocs.none');
  for (const user of teachers) {
    try {
      return await fn(principalOf(user), user);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }
  throw new NotFoundError('Group');
}

/** A forged or foreign class reads as «not your class»; a missing one as «not found». */
export const press = (fn: (ctx: PressContext) => Promise<string | undefined> | Promise<void>) =>
  buttonHandler(
    'classdocs',
    (err) => (err.code === 'forbidden' ? 'classdocs.notYours' : err.code === 'not_found' ? 'error.notFound' : 'error.generic'),
    fn,
  );

export function menuOf(ctx: BotContext, group: { id: number; name: string }) {
  const kb = new InlineKeyboard()
    .text(ctx.t('classdocs.btn.codesAll'), cb.all(group.id))
    .row()
    .text(ctx.t('classdocs.btn.codeOne'), cb.people(group.id))
    .row()
    .text(ctx.t('classdocs.btn.studentCodes'), cb.students(group.id))
    .row()
    .text(ctx.t('classdocs.btn.attendance'), cb.ranges(group.id, 'a'))
    .text(ctx.t('classdocs.btn.results'), cb.ranges(group.id, 'r'));
  return { text: ctx.t('classdocs.menu', { group: group.name }), keyboard: kb };
}

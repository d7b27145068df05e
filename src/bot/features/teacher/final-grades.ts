import { Composer } from 'grammy';
import type { FinalSheet } from '../../../domain/journal/index.js';
import { type DomainError, ReadOnlyError } from '../../../domain/shared/errors.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import { formatDayMonth, type MessageKey } from '../../../i18n/index.js';
import { buttonHandler, type PressContext } from '../buttons.js';
import { asFirstAllowed, quietEdit, Refusal, shortName, type TeacherDeps } from './acting.js';
import { gradeValueOf, PATTERNS, type ValueCode } from './callback-data.js';
import { renderSheet, renderStudent, sheetHash, takeable } from './final-grades-view.js';
import { valueLabel } from './grade-values.js';

function finalRefusalKey(err: DomainError): MessageKey {
  if (err instanceof ReadOnlyError && err.reason === 'no_periods') return 'final.refused.noPeriods';
  if (err instanceof ReadOnlyError && err.reason === 'closed_year') return 'teacher.refused.closedYear';
  if (err.code === 'forbidden') return 'final.refused.forbidden';
  if (err.code === 'not_found') return 'final.refused.notFound';
  if (err.code === 'validation_failed') return 'final.refused.stale';
  return 'error.generic';
}

const press = (fn: (ctx: PressContext) => Promise<string | undefined> | Promise<void>) =>
  buttonHandler('final-grades', finalRefusalKey, fn, { webhookReply: true });

/**
 * The final-grade screen of a course's class (`f1:<courseId>`, also the button of term-grade
 * reminders): the term on screen with every student's average, suggestion and grade; one tap
 * takes every suggestion, one tap a student's, the name opens the scale. Every press reads the
 * sheet again as the pressing teacher, and the journal service authorizes the write once more.
 */
export function finalGradesFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();

  async function sheetOf(ctx: BotContext, courseId: number, term?: number): Promise<{ principal: Principal; sheet: FinalSheet }> {
    const { principal, view } = await asFirstAllowed(ctx.users, (p) => deps.journal.finalSheet(p, courseId, term));
    return { principal, sheet: view };
  }

  /**
   * The sheet a button was drawn from, refused when the class changed since (the roster hash in
   * the data, `hash` or `student` shape), and for a write when the window is not open.
   */
  async function pressed(ctx: PressContext, write: boolean, shape: 'none' | 'hash' | 'student') {
    const m = ctx.match;
    const { principal, sheet } = await sheetOf(ctx, Number(m[1]), Number(m[2]));
    const hash = shape === 'hash' ? m[3] : shape === 'student' ? m[4] : null;
    if (hash != null && sheetHash(sheet) !== hash) throw new Refusal('final.refused.stale');
    const idx = Number(m[3]);
    const entry = shape === 'student' ? sheet.students[idx] : undefined;
    if (shape === 'student' && !entry) throw new Refusal('final.refused.stale');
    if (write && !sheet.open) {
      const day = (d: string) => formatDayMonth(d, ctx.locale);
      throw new Refusal(
        'final.refused.window',
        ctx.t('final.refused.window', { opens: day(sheet.window.opens), closes: day(sheet.window.closes) }),
      );
    }
    return { principal, sheet, entry, idx };
  }

  async function redraw(ctx: BotContext, principal: Principal, sheet: FinalSheet, banner?: string) {
    const fresh = await deps.journal.finalSheet(principal, sheet.course.courseId, sheet.term);
    const shown = renderSheet(ctx.t, ctx.locale, fresh, banner);
    await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
  }

  composer.callbackQuery(
    PATTERNS.finalGrades,
    press(async (ctx) => {
      const { sheet } = await sheetOf(ctx, Number(ctx.match[1]));
      const shown = renderSheet(ctx.t, ctx.locale, sheet);
      await ctx.reply(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard });
    }),
  );

  composer.callbackQuery(
    PATTERNS.finalRedraw,
    press(async (ctx) => {
      const { sheet } = await pressed(ctx, false, 'none');
      const shown = renderSheet(ctx.t, ctx.locale, sheet);
      await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.finalStudent,
    press(async (ctx) => {
      const { sheet, idx } = await pressed(ctx, true, 'student');
      const shown = renderStudent(ctx.t, ctx.locale, sheet, idx);
      await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.finalValue,
    press(async (ctx) => {
      const { principal, sheet, entry } = await pressed(ctx, true, 'student');
      const s = entry!;
      const value = gradeValueOf(ctx.match[5] as ValueCode);
      if (s.minimum === 'refuse')
        throw new Refusal('final.refused.minimum', ctx.t('final.refused.minimum', { count: s.marks.length, min: sheet.minCurrentGrades }));
      if (s.final?.externalId) throw new Refusal('final.refused.external');
      const result = await deps.journal.setTermGrades(principal, sheet.course.courseId, sheet.term, [{ studentId: s.student.id, value }]);
      if (result.unchanged.length) return ctx.t('final.unchanged');
      const banner = [ctx.t('final.saved', { name: shortName(s.student), value: valueLabel(ctx.t, value) })];
      if (result.warned.length) banner.push(ctx.t('final.underMinimum', { count: s.marks.length, min: sheet.minCurrentGrades }));
      await redraw(ctx, principal, sheet, banner.join('\n'));
    }),
  );

  composer.callbackQuery(
    PATTERNS.finalTakeAll,
    press(async (ctx) => {
      const { principal, sheet } = await pressed(ctx, true, 'hash');
      if (!takeable(sheet).length) return ctx.t('final.nothingToTake');
      const result = await deps.journal.takeSuggestions(principal, sheet.course.courseId, sheet.term);
      const banner = [ctx.t('final.savedMany', { n: result.saved.length })];
      if (result.warned.length) banner.push(ctx.t('final.warned', { n: result.warned.length }));
      if (result.skipped.length) banner.push(ctx.t('final.skipped', { n: result.skipped.length }));
      await redraw(ctx, principal, sheet, banner.join('\n'));
    }),
  );
  return composer;
}

import { Composer, InlineKeyboard } from 'grammy';
import { FLAG_REASONS, type FlagReason } from '../../../domain/class-daily/types.js';
import type { BotContext } from '../../context.js';
import type { BotClassFlags } from '../../deps.js';
import { asFirstAllowed, openLesson, pressHandler, quietEdit, Refusal, shortName, type TeacherDeps } from './acting.js';
import { cb, PATTERNS } from './callback-data.js';
import { editToCard } from './lesson-card.js';

/** One letter per preset reason in the callback data. */
const CODES: Record<string, FlagReason> = { u: 'unprepared', l: 'late', t: 'truancy', f: 'failing', b: 'behaviour' };
const codeOf = (reason: FlagReason) => Object.keys(CODES).find((k) => CODES[k] === reason)!;
export const FLAG_CODES = Object.keys(CODES).join('');

/**
 * «🚩 Классному руководителю» on the lesson card, two taps after opening: `fl1:<lesson>` turns
 * the card into the lesson's roster, `fl1:<lesson>:<student>` into the preset reasons, and
 * `fl1:<lesson>:<student>:<code>` saves the flag through the domain (which authorizes the lesson
 * and the roster again) and turns the message back into the card with a banner.
 */
export function classFlagFeature(deps: TeacherDeps & { classFlags: BotClassFlags }) {
  const composer = new Composer<BotContext>();
  const target = (ctx: BotContext, lessonId: number) => asFirstAllowed(ctx.users, (p) => deps.classFlags.target(p, lessonId));
  /** The student as the lesson's roster has them; anyone else (a forged button) is refused. */
  const rostered = async (ctx: BotContext, lessonId: number, studentId: number) => {
    const found = await target(ctx, lessonId);
    const student = found.view.students.find((s) => s.id === studentId);
    if (!student) throw new Refusal('flag.notOnRoster');
    return { ...found, student };
  };

  composer.callbackQuery(
    PATTERNS.flagOpen,
    pressHandler(async (ctx) => {
      const lessonId = Number(ctx.match[1]);
      const { view } = await target(ctx, lessonId);
      const kb = new InlineKeyboard();
      view.students.forEach((s, i) => {
        kb.text(shortName(s), cb.flagStudent(lessonId, s.id));
        if (i % 2 === 1) kb.row();
      });
      if (view.students.length % 2 === 1) kb.row();
      kb.text(ctx.t('flag.back'), cb.cardInPlace(lessonId));
      const text = ctx.t('flag.chooseStudent', { subject: view.subjectName, group: view.groupName });
      await quietEdit(ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.flagStudent,
    pressHandler(async (ctx) => {
      const lessonId = Number(ctx.match[1]);
      const { student } = await rostered(ctx, lessonId, Number(ctx.match[2]));
      const kb = new InlineKeyboard();
      for (const reason of FLAG_REASONS) kb.text(ctx.t(`flag.reason.${reason}`), cb.flagSave(lessonId, student.id, codeOf(reason))).row();
      kb.text(ctx.t('flag.back'), cb.flagOpen(lessonId));
      const text = ctx.t('flag.chooseReason', { name: `${student.lastName} ${student.firstName}` });
      await quietEdit(ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.flagSave,
    pressHandler(async (ctx) => {
      const lessonId = Number(ctx.match[1]);
      const reason = CODES[ctx.match[3]!]!;
      const { principal, student } = await rostered(ctx, lessonId, Number(ctx.match[2]));
      await deps.classFlags.flag(principal, lessonId, student.id, reason);
      const { view } = await openLesson(deps.journal, ctx.users, lessonId);
      await editToCard(ctx, view, ctx.t('flag.saved', { name: `${student.lastName} ${student.firstName}`, reason }));
    }),
  );
  return composer;
}

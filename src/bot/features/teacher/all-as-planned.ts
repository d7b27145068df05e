import { Composer } from 'grammy';
import { DomainError } from '../../../domain/shared/errors.js';
import type { BotContext } from '../../context.js';
import { openEditable, pressHandler, readOnlyKey, Refusal, type TeacherDeps } from './acting.js';
import { PATTERNS } from './callback-data.js';
import { editToCard, renderCard, viewerIds } from './lesson-card.js';

/**
 * «✅ Всё по плану» (`ap1:<lessonId>`, `ap1:<lessonId>:r` from a reminder): the typical lesson
 * in one tap. The journal service authorizes and fills only what is unfilled; the card is shown
 * filled, and any part is changed afterwards with its usual button (that is the undo).
 */
export function allAsPlannedFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(
    PATTERNS.allAsPlanned,
    pressHandler(async (ctx) => {
      const lessonId = Number(ctx.match[1]);
      const { principal, view } = await openEditable(deps.journal, ctx.users, lessonId);
      if (!view.attendanceEditable.editable) throw new Refusal(readOnlyKey(view.attendanceEditable.reason));
      if (!view.lesson.topicFilledAt && !view.suggestedTopic) throw new Refusal('allplan.noTopic');
      const result = await deps.journal.fillAsPlanned(principal, lessonId).catch((err: unknown) => {
        // The last КТП topic was taken by another lesson between the read and the tap.
        if (err instanceof DomainError && err.code === 'validation_failed') throw new Refusal('allplan.noTopic');
        throw err;
      });
      const banner = [ctx.t('allplan.done'), ...(result.attendanceKept ? [ctx.t('allplan.kept')] : [])].join('\n');
      const after = await deps.journal.getLesson(principal, lessonId);
      if (ctx.match[2] !== 'r') return void (await editToCard(ctx, after, banner));
      const card = renderCard(ctx.t, after, ctx.timezone, ctx.locale, viewerIds(ctx));
      await ctx.reply(`${banner}\n\n${card.text}`, { parse_mode: 'HTML', reply_markup: card.keyboard });
    }),
  );
  return composer;
}

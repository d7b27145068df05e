import { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import { openEditable, pressHandler, quietEdit, Refusal, type TeacherDeps } from './acting.js';
import { PATTERNS } from './callback-data.js';
import { editToCard } from './lesson-card.js';
import { renderWorkTypePicker, workTypeName } from './work-type-render.js';

/**
 * «Вид работы» on the lesson card: `w1:<lesson>` turns the card into the school's list of work
 * types, `wt1:<lesson>:<code>` (or `-` for an ordinary lesson) sets it through the journal
 * service and turns the message back into the card. The КТП's suggestion on the card is the
 * same `wt1` press. A code the school does not have is refused before anything is written.
 */
export function workTypeFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();
  const editable = (ctx: BotContext, lessonId: number) => openEditable(deps.journal, ctx.users, lessonId);

  composer.callbackQuery(
    PATTERNS.workTypes,
    pressHandler(async (ctx) => {
      const { view } = await editable(ctx, Number(ctx.match[1]));
      const picker = renderWorkTypePicker(ctx.t, view);
      await quietEdit(ctx.editMessageText(picker.text, { parse_mode: 'HTML', reply_markup: picker.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.workTypeSet,
    pressHandler(async (ctx) => {
      const lessonId = Number(ctx.match[1]);
      const code = ctx.match[2] === '-' ? null : ctx.match[2]!;
      const { principal, view } = await editable(ctx, lessonId);
      if (code !== null && !view.workTypes.some((w) => w.code === code)) throw new Refusal('worktype.refused.unknown');
      await deps.journal.setWorkType(principal, lessonId, code);
      const banner =
        code === null ? ctx.t('worktype.cleared') : ctx.t('worktype.saved', { name: workTypeName(ctx.t, code, view.workTypes) });
      await editToCard(ctx, await deps.journal.getLesson(principal, lessonId), `✅ ${banner}`);
    }),
  );
  return composer;
}

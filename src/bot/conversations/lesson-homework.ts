import type { Conversation } from '@grammyjs/conversations';
import { MAX_HOMEWORK } from '../../domain/journal/index.js';
import type { BotContext, ConversationContext } from '../context.js';
import { openLesson, type TeacherDeps } from '../features/teacher/acting.js';
import { renderCard, viewerIds } from '../features/teacher/lesson-card.js';
import { askText, outcomeOf, replyOutcome } from './ask-text.js';

/** Asks for typed homework and saves it («Без ДЗ» is a button, not this conversation). */
export function lessonHomeworkConversation(deps: TeacherDeps) {
  return async function lessonHomework(
    conversation: Conversation<BotContext, ConversationContext>,
    ctx: ConversationContext,
    args: { lessonId: number },
  ) {
    const { text, ctx: answer } = await askText(conversation, ctx, ctx.t('teacher.homework.ask', { max: MAX_HOMEWORK }), MAX_HOMEWORK);
    const outcome = await conversation.external((outer) =>
      outcomeOf(outer, async () => {
        const { principal } = await openLesson(deps.journal, outer.users, args.lessonId);
        await deps.journal.setHomework(principal, args.lessonId, text);
        const card = renderCard(
          outer.t,
          await deps.journal.getLesson(principal, args.lessonId),
          outer.timezone,
          outer.locale,
          viewerIds(outer),
        );
        return { text: `✅ ${outer.t('teacher.homework.saved')}\n\n${card.text}`, keyboard: card.keyboard.inline_keyboard };
      }),
    );
    await replyOutcome(answer, outcome);
  };
}

import type { Conversation } from '@grammyjs/conversations';
import { MAX_TOPIC } from '../../domain/journal/index.js';
import type { BotContext, ConversationContext } from '../context.js';
import { openLesson, type TeacherDeps } from '../features/teacher/acting.js';
import { renderCard, viewerIds } from '../features/teacher/lesson-card.js';
import { askText, outcomeOf, replyOutcome } from './ask-text.js';

/** Asks for a typed lesson topic and saves it; the database is touched only inside `external`. */
export function lessonTopicConversation(deps: TeacherDeps) {
  return async function lessonTopic(
    conversation: Conversation<BotContext, ConversationContext>,
    ctx: ConversationContext,
    args: { lessonId: number },
  ) {
    const { text, ctx: answer } = await askText(conversation, ctx, ctx.t('teacher.topic.ask', { max: MAX_TOPIC }), MAX_TOPIC);
    const outcome = await conversation.external((outer) =>
      outcomeOf(outer, async () => {
        const { principal } = await openLesson(deps.journal, outer.users, args.lessonId);
        await deps.journal.setTopic(principal, args.lessonId, { topic: text });
        const card = renderCard(
          outer.t,
          await deps.journal.getLesson(principal, args.lessonId),
          outer.timezone,
          outer.locale,
          viewerIds(outer),
        );
        return { text: `✅ ${outer.t('teacher.topic.saved', { topic: text })}\n\n${card.text}`, keyboard: card.keyboard.inline_keyboard };
      }),
    );
    await replyOutcome(answer, outcome);
  };
}

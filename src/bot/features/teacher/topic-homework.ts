import { createConversation } from '@grammyjs/conversations';
import { Composer } from 'grammy';
import type { BotContext, ConversationContext } from '../../context.js';
import { gradeCommentConversation } from '../../conversations/grade-comment.js';
import { GRADE_COMMENT, LESSON_HOMEWORK, LESSON_TOPIC } from '../../conversations/ids.js';
import { lessonHomeworkConversation } from '../../conversations/lesson-homework.js';
import { lessonTopicConversation } from '../../conversations/lesson-topic.js';
import { openEditable, pressHandler, type TeacherDeps } from './acting.js';
import { PATTERNS } from './callback-data.js';
import { editToCard } from './lesson-card.js';

/** A week: a teacher who left the question open can still answer it the next day. */
const TEXT_WAIT_MS = 7 * 86_400_000;

/**
 * The typed-text conversations. Installed before every teacher handler: an open question must
 * see the next update first (it leaves on a command, a menu button or a button press).
 */
export function teacherConversations(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();
  composer.use(
    createConversation<BotContext, ConversationContext>(lessonTopicConversation(deps), {
      id: LESSON_TOPIC,
      maxMillisecondsToWait: TEXT_WAIT_MS,
    }),
  );
  composer.use(
    createConversation<BotContext, ConversationContext>(lessonHomeworkConversation(deps), {
      id: LESSON_HOMEWORK,
      maxMillisecondsToWait: TEXT_WAIT_MS,
    }),
  );
  composer.use(
    createConversation<BotContext, ConversationContext>(gradeCommentConversation(deps), {
      id: GRADE_COMMENT,
      maxMillisecondsToWait: TEXT_WAIT_MS,
    }),
  );
  return composer;
}

/**
 * The КТП topic and «Без ДЗ» are one tap each (no conversation); a typed topic or homework is a
 * short conversation that asks again for empty or too long text.
 */
export function topicHomeworkFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();
  const editable = (ctx: BotContext, lessonId: number) => openEditable(deps.journal, ctx.users, lessonId);

  composer.callbackQuery(
    PATTERNS.planTopic,
    pressHandler(async (ctx) => {
      const lessonId = Number(ctx.match[1]);
      const { principal } = await editable(ctx, lessonId);
      const lesson = await deps.journal.setTopic(principal, lessonId, { planItemId: Number(ctx.match[2]) });
      await editToCard(
        ctx,
        await deps.journal.getLesson(principal, lessonId),
        `✅ ${ctx.t('teacher.topic.saved', { topic: lesson.topic ?? '' })}`,
      );
    }),
  );

  composer.callbackQuery(
    PATTERNS.noHomework,
    pressHandler(async (ctx) => {
      const lessonId = Number(ctx.match[1]);
      const { principal } = await editable(ctx, lessonId);
      await deps.journal.setHomework(principal, lessonId, null);
      await editToCard(ctx, await deps.journal.getLesson(principal, lessonId), `✅ ${ctx.t('teacher.homework.none')}`);
    }),
  );

  for (const [pattern, id] of [
    [PATTERNS.typeTopic, LESSON_TOPIC],
    [PATTERNS.typeHomework, LESSON_HOMEWORK],
  ] as const) {
    composer.callbackQuery(
      pattern,
      pressHandler(
        async (ctx) => {
          const lessonId = Number(ctx.match[1]);
          await editable(ctx, lessonId);
          await ctx.conversation.exitAll();
          await ctx.conversation.enter(id, { lessonId });
        },
        { asksQuestion: true },
      ),
    );
  }
  return composer;
}

import type { Conversation } from '@grammyjs/conversations';
import { MAX_GRADE_COMMENT } from '../../domain/journal/grade-rules.js';
import type { BotContext, ConversationContext } from '../context.js';
import { openLesson, type TeacherDeps } from '../features/teacher/acting.js';
import { kindOf, type KindCode } from '../features/teacher/callback-data.js';
import { gradeRulesFor, renderStudents, valueLabel } from '../features/teacher/grades.js';
import { askText, outcomeOf, replyOutcome } from './ask-text.js';

export interface GradeCommentArgs {
  lessonId: number;
  studentId: number;
  name: string;
  value: string;
  kind: KindCode;
}

/** Asks for the comment of a mark chosen with 💬, then saves mark and comment together. */
export function gradeCommentConversation(deps: TeacherDeps) {
  return async function gradeComment(
    conversation: Conversation<BotContext, ConversationContext>,
    ctx: ConversationContext,
    args: GradeCommentArgs,
  ) {
    const prompt = ctx.t('teacher.comment.ask', { name: args.name, value: valueLabel(ctx.t, args.value), max: MAX_GRADE_COMMENT });
    const { text, ctx: answer } = await askText(conversation, ctx, prompt, MAX_GRADE_COMMENT);
    const outcome = await conversation.external((outer) =>
      outcomeOf(outer, async () => {
        const { principal } = await openLesson(deps.journal, outer.users, args.lessonId);
        await deps.journal.addGrades(principal, args.lessonId, [
          { studentId: args.studentId, value: args.value, comment: text, ...kindOf(args.kind) },
        ]);
        const view = await deps.journal.getLesson(principal, args.lessonId);
        const rules = await gradeRulesFor(deps, principal, view.lesson);
        const banner = `✅ ${outer.t('teacher.grades.saved', { name: args.name, value: valueLabel(outer.t, args.value) })}`;
        const shown = renderStudents(outer.t, view, args.kind, rules, banner);
        return { text: shown.text, keyboard: shown.keyboard.inline_keyboard };
      }),
    );
    await replyOutcome(answer, outcome);
  };
}

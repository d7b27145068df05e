import { Composer, InlineKeyboard } from 'grammy';
import type { Locale } from '../../../domain/access/types.js';
import type { LessonView } from '../../../domain/journal/index.js';
import type { BotContext } from '../../context.js';
import { formatDay, formatTime, type MessageKey, type Translate } from '../../../i18n/index.js';
import { openLesson, pressHandler, quietEdit, shortName, type TeacherDeps } from './acting.js';
import { cb, PATTERNS } from './callback-data.js';
import { addWorkTypeButtons, workTypeLines } from './work-type-render.js';

const PLAN_LABEL_MAX = 48;

export interface Rendered {
  text: string;
  keyboard: InlineKeyboard;
}

const STATUS_KEYS = {
  present: 'teacher.status.present',
  absent: 'teacher.status.absent',
  sick: 'teacher.status.sick',
  excused: 'teacher.status.excused',
  late: 'teacher.status.late',
} as const satisfies Record<string, MessageKey>;

export function statusLabel(t: Translate, status: keyof typeof STATUS_KEYS): string {
  return t(STATUS_KEYS[status]);
}

function attendanceLine(t: Translate, view: LessonView): string {
  if (!view.lesson.attendanceFilledAt) return t('teacher.card.attendance.none');
  const marked = view.students.filter((s) => s.attendance && s.attendance.status !== 'present');
  if (!marked.length) return t('teacher.card.attendance.all');
  const list = marked.map((s) => `${shortName(s)} (${statusLabel(t, s.attendance!.status)})`).join(', ');
  return t('teacher.card.attendance.some', { n: marked.length, list });
}

function homeworkLine(t: Translate, view: LessonView): string {
  if (view.lesson.homework) return t('teacher.card.homework', { text: view.lesson.homework });
  return view.lesson.homeworkFilledAt ? t('teacher.card.homework.empty') : t('teacher.card.homework.none');
}

const NOTE: Partial<Record<string, MessageKey>> = {
  cancelled: 'teacher.card.cancelled',
  edit_window: 'teacher.card.readOnly',
  closed_year: 'teacher.card.closedYear',
  not_allowed: 'teacher.card.notAllowed',
};

/** The lesson card: what is filled, and one button per thing left to do. */
export function renderCard(t: Translate, view: LessonView, timezone: string, locale: Locale, viewerIds: readonly number[] = []): Rendered {
  const { lesson } = view;
  const isSub = lesson.substituteId !== null && viewerIds.includes(lesson.substituteId);
  const lines = [
    t('teacher.card.title', { subject: view.subjectName, group: view.groupName }),
    `${t('teacher.card.when', {
      day: formatDay(lesson.startsAt, timezone, locale),
      from: formatTime(lesson.startsAt, timezone),
      to: formatTime(lesson.endsAt, timezone),
      sub: isSub,
    })} · ${t('teacher.card.students', { n: view.students.length })}`,
    '',
    attendanceLine(t, view),
    lesson.topic ? t('teacher.card.topic', { topic: lesson.topic }) : t('teacher.card.topic.none'),
    homeworkLine(t, view),
    t('teacher.card.grades', { n: view.grades.length }),
    ...workTypeLines(t, view),
  ];
  const content = view.editable;
  const attendance = view.attendanceEditable;
  if (content.editable && view.suggestedTopic && !lesson.topic)
    lines.push('', t('teacher.card.suggested', { topic: view.suggestedTopic.topic }));
  const note = NOTE[content.reason ?? ''] ?? (attendance.reason === 'not_started' ? 'teacher.card.notStarted' : undefined);
  if (note) lines.push('', t(note));

  const kb = new InlineKeyboard();
  // The typical lesson in one tap, while nothing of it is filled yet and the КТП has its next topic.
  const unfilled = !lesson.attendanceFilledAt && !lesson.topicFilledAt && !lesson.homeworkFilledAt;
  if (attendance.editable && content.editable && unfilled && view.suggestedTopic)
    kb.text(t('allplan.btn'), cb.allAsPlanned(lesson.id)).row();
  if (attendance.editable && view.students.length) {
    kb.text(t('teacher.btn.allPresent'), cb.allPresent(lesson.id)).text(t('teacher.btn.mark'), cb.attendanceOpen(lesson.id)).row();
  }
  if (content.editable) {
    if (view.suggestedTopic && lesson.planItemId !== view.suggestedTopic.id) {
      const topic = view.suggestedTopic.topic;
      // Button labels are plain text, not HTML: no escaping here.
      kb.text(
        `📘 ${topic.length > PLAN_LABEL_MAX ? `${topic.slice(0, PLAN_LABEL_MAX - 1)}…` : topic}`,
        cb.planTopic(lesson.id, view.suggestedTopic.id),
      ).row();
    }
    kb.text(t('teacher.btn.typeTopic'), cb.typeTopic(lesson.id)).row();
    kb.text(t('teacher.btn.homework'), cb.typeHomework(lesson.id)).text(t('teacher.btn.noHomework'), cb.noHomework(lesson.id)).row();
    addWorkTypeButtons(kb, t, view);
  }
  if (attendance.editable && view.students.length) kb.text(t('teacher.btn.grades'), cb.grades(lesson.id, 'c')).row();
  // A word to the class teacher about a student of this lesson, while its marks may be given.
  if (attendance.editable && view.students.length) kb.text(t('flag.btn'), cb.flagOpen(lesson.id)).row();
  kb.text(t('teacher.btn.backToDay'), cb.day(lesson.date));
  return { text: lines.join('\n'), keyboard: kb };
}

export function viewerIds(ctx: { users: readonly { userId: number }[] }): number[] {
  return ctx.users.map((u) => u.userId);
}

/** Sends the card as a new message (from the day list, a reminder, or after typed text). */
export async function sendCard(ctx: BotContext, deps: TeacherDeps, lessonId: number): Promise<void> {
  const { view } = await openLesson(deps.journal, ctx.users, lessonId);
  const card = renderCard(ctx.t, view, ctx.timezone, ctx.locale, viewerIds(ctx));
  await ctx.reply(card.text, { parse_mode: 'HTML', reply_markup: card.keyboard });
}

/** Redraws the message the button belongs to as the card. */
export async function editToCard(ctx: BotContext, view: LessonView, banner?: string): Promise<void> {
  const card = renderCard(ctx.t, view, ctx.timezone, ctx.locale, viewerIds(ctx));
  const text = banner ? `${banner}\n\n${card.text}` : card.text;
  await quietEdit(ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: card.keyboard }));
}

/**
 * `l1:<lessonId>` from the day list and `open:<lessonId>` from a reminder open the card as a
 * new message; `c1:<lessonId>` redraws it in place (back from attendance or grades).
 */
export function lessonCardFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(
    PATTERNS.card,
    pressHandler(async (ctx) => {
      await sendCard(ctx, deps, Number(ctx.match[1]));
    }),
  );
  composer.callbackQuery(
    PATTERNS.cardInPlace,
    pressHandler(async (ctx) => {
      const { view } = await openLesson(deps.journal, ctx.users, Number(ctx.match[1]));
      await editToCard(ctx, view);
    }),
  );
  return composer;
}

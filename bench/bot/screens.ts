/**
 * What the floor and the stock grammY bot (the bot benchmark's two comparisons) show and save:
 * the same screens, keyboards and callback data as the product's teacher flow, so the simulated
 * teachers press the same buttons in all three and the three draw and write the same. Built on
 * the product's own pure drawing functions (card, attendance keyboard); nothing here talks to
 * Telegram or the database.
 */
import type { LinkedUser } from '../../src/domain/access/types.js';
import type { AttendanceInput, DayLesson, LessonView } from '../../src/domain/journal/index.js';
import type { AttendanceStatus } from '../../src/domain/lessons/types.js';
import type { Principal } from '../../src/domain/shared/principal.js';
import { formatTime, translator } from '../../src/i18n/index.js';
import { attendanceKeyboard } from '../../src/bot/features/teacher/attendance-keyboard.js';
import { cb, rosterHash, STATUS_CYCLE } from '../../src/bot/features/teacher/callback-data.js';
import { renderCard } from '../../src/bot/features/teacher/lesson-card.js';

const t = translator('ru');

export interface Screen {
  text: string;
  reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] };
}

const asScreen = (text: string, keyboard: { inline_keyboard: unknown }): Screen => ({
  text,
  reply_markup: { inline_keyboard: keyboard.inline_keyboard as Screen['reply_markup']['inline_keyboard'] },
});

/** The acting principal of a teacher's (first staff) account, as the product's bot derives it. */
export function teacherPrincipal(users: readonly LinkedUser[]): Principal {
  const user = users.find((u) => u.roles.some((r) => r !== 'parent'));
  if (!user) throw new Error('no staff account is linked to this chat');
  return { kind: 'user', userId: user.userId, schoolId: user.schoolId, roles: user.roles };
}

/** «Сегодня»: one button per lesson. */
export function dayScreen(lessons: readonly DayLesson[], timezone: string): Screen {
  const lines = lessons.map((l, i) => `${i + 1}. ${formatTime(l.startsAt, timezone)} ${l.groupName}, ${l.subjectName}`);
  return {
    text: lines.join('\n') || '—',
    reply_markup: { inline_keyboard: lessons.map((l, i) => [{ text: lines[i]!, callback_data: cb.card(l.lessonId) }]) },
  };
}

export function cardScreen(view: LessonView, users: readonly LinkedUser[], timezone: string, banner?: string): Screen {
  const card = renderCard(
    t,
    view,
    timezone,
    'ru',
    users.map((u) => u.userId),
  );
  return asScreen(banner ? `${banner}\n\n${card.text}` : card.text, card.keyboard);
}

/** The saved marks; students not marked yet count as present. */
export const savedStatuses = (view: LessonView): AttendanceStatus[] => view.students.map((s) => s.attendance?.status ?? 'present');

export const nextStatus = (s: AttendanceStatus) => STATUS_CYCLE[(STATUS_CYCLE.indexOf(s) + 1) % STATUS_CYCLE.length]!;

/** The attendance keyboard of a lesson; `names` and `hash` come from the roster (see rosterOf). */
export function attendanceScreen(roster: Roster, statuses: AttendanceStatus[]): Screen {
  return asScreen(
    `${roster.title}\n\n${t('teacher.att.hint')}`,
    attendanceKeyboard(t, { lessonId: roster.lessonId, names: roster.names, statuses, hash: roster.hash }),
  );
}

/** What an attendance keyboard needs of a lesson, in plain JSON (a conversation's replay log stores it). */
export interface Roster {
  lessonId: number;
  title: string;
  names: string[];
  hash: string;
}

export function rosterOf(view: LessonView): Roster {
  return {
    lessonId: view.lesson.id,
    title: t('teacher.att.title', { subject: view.subjectName, group: view.groupName }),
    names: view.students.map((s) => `${s.lastName} ${s.firstName.slice(0, 1)}.`),
    hash: rosterHash(view.students.map((s) => s.id)),
  };
}

/** «Сохранить»: every student not present, as the product saves a draft. */
export function marksOf(view: LessonView, statuses: readonly AttendanceStatus[]): AttendanceInput {
  return {
    marks: view.students.flatMap((s, i) =>
      statuses[i] === 'present' || statuses[i] === undefined
        ? []
        : [
            {
              studentId: s.id,
              status: statuses[i]!,
              reason: s.attendance && s.attendance.status === statuses[i] ? s.attendance.reason : null,
            },
          ],
    ),
  };
}

export const savedBanner = (all: boolean) => `✅ ${t(all ? 'teacher.att.savedAll' : 'teacher.att.saved')}`;

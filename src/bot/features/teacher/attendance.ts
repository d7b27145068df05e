import { Composer } from 'grammy';
import type { AttendanceStatus } from '../../../domain/lessons/types.js';
import type { AttendanceInput, LessonView } from '../../../domain/journal/index.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import { formatDay, formatTime, translator } from '../../../i18n/index.js';
import { asFirstAllowed, openLesson, pressHandler, quietEdit, readOnlyKey, Refusal, shortName, type TeacherDeps } from './acting.js';
import { attendanceKeyboard, readAttendanceKeyboard } from './attendance-keyboard.js';
import { decodeDraft, MAX_ROSTER, PATTERNS, rosterHash, STATUS_CYCLE } from './callback-data.js';
import { editToCard } from './lesson-card.js';
import { asWebhookReply } from '../../../telegram/index.js';

const nextStatus = (s: AttendanceStatus) => STATUS_CYCLE[(STATUS_CYCLE.indexOf(s) + 1) % STATUS_CYCLE.length]!;

/** The saved marks as a draft; students not marked yet count as present. */
function savedDraft(view: LessonView): AttendanceStatus[] {
  return view.students.map((s) => s.attendance?.status ?? 'present');
}

function renderAttendance(ctx: BotContext, view: LessonView, statuses: AttendanceStatus[]) {
  const { lesson } = view;
  const t = ctx.t;
  const text = [
    t('teacher.att.title', { subject: view.subjectName, group: view.groupName }),
    `${formatDay(lesson.startsAt, ctx.timezone, ctx.locale)}, ${formatTime(lesson.startsAt, ctx.timezone)}`,
    '',
    t('teacher.att.hint'),
  ].join('\n');
  const keyboard = attendanceKeyboard(t, {
    lessonId: lesson.id,
    names: view.students.map(shortName),
    statuses,
    hash: rosterHash(view.students.map((s) => s.id)),
  });
  return { text, keyboard };
}

/** Refuses a lesson whose attendance may not be changed now, or that has too many students for a keyboard. */
function refuseUnlessEditable(view: LessonView): void {
  if (!view.attendanceEditable.editable) throw new Refusal(readOnlyKey(view.attendanceEditable.reason));
  if (view.students.length > MAX_ROSTER) throw new Refusal('teacher.att.tooMany');
}

/** The lesson, re-authorized, and refused unless its attendance may be changed now. */
async function editableLesson(ctx: BotContext, deps: TeacherDeps, lessonId: number): Promise<{ principal: Principal; view: LessonView }> {
  const opened = await openLesson(deps.journal, ctx.users, lessonId);
  refuseUnlessEditable(opened.view);
  return opened;
}

/** The draft of a keyboard drawn for the roster the lesson has now; null when the roster changed since. */
function draftFor(view: LessonView, hash: string, draft: string): AttendanceStatus[] | null {
  return rosterHash(view.students.map((s) => s.id)) === hash ? decodeDraft(draft, view.students.length) : null;
}

/** A keyboard drawn for another roster: redrawn with the roster and marks of now, and the press refused. */
async function refuseStaleRoster(ctx: BotContext, view: LessonView): Promise<never> {
  const fresh = renderAttendance(ctx, view, savedDraft(view));
  await quietEdit(ctx.editMessageText(fresh.text, { parse_mode: 'HTML', reply_markup: fresh.keyboard }));
  throw new Refusal('teacher.refused.rosterChanged');
}

/** The roster the keyboard was drawn for must be the roster now; otherwise redraw and refuse. */
async function checkRoster(ctx: BotContext, view: LessonView, hash: string, draft: string): Promise<AttendanceStatus[]> {
  return draftFor(view, hash, draft) ?? refuseStaleRoster(ctx, view);
}

/** Thrown inside a save whose keyboard was drawn for another roster: nothing is written. */
class RosterChanged extends Error {
  constructor(readonly view: LessonView) {
    super('the roster changed since the keyboard was drawn');
  }
}

/** What «Сохранить» saves, decided from the lesson as the save finds it (under its lock). */
function marksOfDraft(view: LessonView, hash: string, draft: string): AttendanceInput {
  refuseUnlessEditable(view);
  const statuses = draftFor(view, hash, draft);
  if (!statuses) throw new RosterChanged(view);
  // A reason saved earlier (a parent's note typed in by the office) stays while the status does.
  return {
    marks: view.students.flatMap((s, i) =>
      statuses[i] === 'present'
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

/**
 * A tap on a student, answered from the update alone. Telegram sends the message the tap was
 * made on with the callback query, and its keyboard is the whole draft (statuses in the data,
 * names on the labels), so redrawing it with one status changed reads and writes nothing: this
 * runs before identification and conversations (createBot's `stateless`) and a tap
 * costs no database round trip, whether it is the 1st or the 30th. It shows nothing the teacher
 * has not already been shown, and every write still goes through «Сохранить», which
 * re-authorizes and checks the edit window and the roster. A keyboard it cannot read back
 * exactly (an older layout, data of another lesson or roster, a message Telegram no longer
 * includes) goes on to the full handler below.
 */
export function attendanceTapFeature() {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(PATTERNS.attendanceToggle, async (ctx, next) => {
    const message = ctx.callbackQuery.message;
    const read = message && 'reply_markup' in message ? readAttendanceKeyboard(message.reply_markup, ctx.callbackQuery.data) : null;
    if (!read) return next();
    const { draft, index, locale, repeat } = read;
    const statuses = draft.statuses.map((s, i) => (i === index ? nextStatus(s) : s));
    try {
      if (!repeat) await ctx.editMessageReplyMarkup({ reply_markup: attendanceKeyboard(translator(locale), { ...draft, statuses }) });
    } finally {
      // Nothing is left to write, so stopping the spinner may ride on the webhook answer (even if the redraw failed).
      await asWebhookReply(() => ctx.answerCallbackQuery()).catch(() => {});
    }
  });
  return composer;
}

/**
 * Attendance without a conversation: the draft lives in the keyboard's callback data. A tap the
 * stateless feature could not read back re-reads the lesson through the journal service
 * (authorization, edit window, roster) and redraws the keyboard; «Сохранить» and «Все
 * присутствуют» write through updateAttendance, which hands back the lesson as saved for the card.
 */
export function attendanceFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(
    PATTERNS.allPresent,
    pressHandler(async (ctx) => {
      const lessonId = Number(ctx.match[1]);
      // The save authorizes by itself; with several accounts, the one the lesson belongs to.
      const { view: saved } = await asFirstAllowed(ctx.users, (principal) =>
        deps.journal.updateAttendance(principal, lessonId, () => ({ allPresent: true })),
      );
      await editToCard(ctx, saved.lesson, `✅ ${ctx.t('teacher.att.savedAll')}`);
      return ctx.t('teacher.att.savedAll');
    }),
  );

  composer.callbackQuery(
    PATTERNS.attendanceOpen,
    pressHandler(async (ctx) => {
      const { view } = await editableLesson(ctx, deps, Number(ctx.match[1]));
      const shown = renderAttendance(ctx, view, savedDraft(view));
      await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.attendanceToggle,
    pressHandler(async (ctx) => {
      const [, id, idx, draft, hash] = ctx.match;
      const { view } = await editableLesson(ctx, deps, Number(id));
      const statuses = await checkRoster(ctx, view, hash!, draft!);
      const i = Number(idx);
      if (i >= statuses.length) throw new Refusal('teacher.refused.stale');
      statuses[i] = nextStatus(statuses[i]!);
      const shown = renderAttendance(ctx, view, statuses);
      await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.attendanceSave,
    pressHandler(async (ctx) => {
      const [, id, draft, hash] = ctx.match;
      // The draft is matched to the roster inside the save, under its lock: a student enrolled or
      // dropped a moment before cannot slip between the check and the write.
      const saving = asFirstAllowed(ctx.users, (principal) =>
        deps.journal.updateAttendance(principal, Number(id), (view) => marksOfDraft(view, hash!, draft!)),
      );
      const { view: saved } = await saving.catch((err: unknown) =>
        err instanceof RosterChanged ? refuseStaleRoster(ctx, err.view) : Promise.reject(err),
      );
      await editToCard(ctx, saved.lesson, `✅ ${ctx.t('teacher.att.saved')}`);
      return ctx.t('teacher.att.saved');
    }),
  );
  return composer;
}

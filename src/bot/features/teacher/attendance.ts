import { Composer, InlineKeyboard } from 'grammy';
import type { AttendanceStatus } from '../../../domain/lessons/types.js';
import type { AttendanceContext } from '../../../domain/journal/index.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { BotContext } from '../../context.js';
import { formatDay, formatTime } from '../../i18n/index.js';
import { openAttendance, pressHandler, quietEdit, readOnlyKey, Refusal, shortName, staffPrincipals, type TeacherDeps } from './acting.js';
import { cb, decodeDraft, encodeDraft, MAX_ROSTER, PATTERNS, rosterHash, STATUS_CYCLE } from './callback-data.js';
import { editToCard, statusLabel } from './lesson-card.js';

/** The saved marks as a draft; students not marked yet count as present. */
function savedDraft(view: AttendanceContext): AttendanceStatus[] {
  return view.students.map((s) => s.attendance?.status ?? 'present');
}

function renderAttendance(ctx: BotContext, view: AttendanceContext, statuses: AttendanceStatus[]) {
  const { lesson } = view;
  const t = ctx.t;
  const draft = encodeDraft(statuses);
  const hash = rosterHash(view.students.map((s) => s.id));
  const marked = statuses.filter((s) => s !== 'present').length;
  const text = [
    t('teacher.att.title', { subject: view.subjectName, group: view.groupName }),
    `${formatDay(lesson.startsAt, ctx.timezone, ctx.locale)}, ${formatTime(lesson.startsAt, ctx.timezone, ctx.locale)}`,
    '',
    t('teacher.att.hint'),
    t('teacher.att.count', { n: marked }),
  ].join('\n');
  const kb = new InlineKeyboard();
  view.students.forEach((s, i) => {
    // Plain-text label: two buttons a row keeps a class of 35 on one screen or two.
    kb.text(`${shortName(s)} ${statusLabel(t, statuses[i]!)}`, cb.attendanceToggle(lesson.id, i, draft, hash));
    if (i % 2 === 1) kb.row();
  });
  kb.row().text(t('teacher.btn.save'), cb.attendanceSave(lesson.id, draft, hash)).row();
  kb.text(t('teacher.btn.allPresent'), cb.allPresent(lesson.id)).text(t('teacher.btn.back'), cb.cardInPlace(lesson.id));
  return { text, keyboard: kb };
}

/** The lesson, re-authorized, and refused unless its attendance may be changed now. */
async function editableLesson(ctx: BotContext, deps: TeacherDeps, lessonId: number): Promise<{ principal: Principal; view: AttendanceContext }> {
  const opened = await openAttendance(deps.journal, ctx.users, lessonId);
  if (!opened.view.attendanceEditable.editable) throw new Refusal(readOnlyKey(opened.view.attendanceEditable.reason));
  if (opened.view.students.length > MAX_ROSTER) throw new Refusal('teacher.att.tooMany');
  return opened;
}

/** The roster the keyboard was drawn for must be the roster now; otherwise redraw and refuse. */
async function checkRoster(ctx: BotContext, view: AttendanceContext, hash: string, draft: string): Promise<AttendanceStatus[]> {
  const statuses = rosterHash(view.students.map((s) => s.id)) === hash ? decodeDraft(draft, view.students.length) : null;
  if (statuses) return statuses;
  const fresh = renderAttendance(ctx, view, savedDraft(view));
  await quietEdit(ctx.editMessageText(fresh.text, { parse_mode: 'HTML', reply_markup: fresh.keyboard }));
  throw new Refusal('teacher.refused.rosterChanged');
}

/**
 * Attendance without a conversation: the draft lives in the keyboard's callback data, each tap
 * re-reads the lesson through the journal service (authorization, edit window, roster) and
 * redraws the keyboard; «Сохранить» and «Все присутствуют» write through saveAttendance.
 */
export function attendanceFeature(deps: TeacherDeps) {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(PATTERNS.allPresent, pressHandler(async (ctx) => {
    const lessonId = Number(ctx.match[1]);
    const principals = staffPrincipals(ctx.users);
    // One account: the write authorizes by itself; several: find the one the lesson belongs to.
    const principal = principals.length === 1 ? principals[0]! : (await openAttendance(deps.journal, ctx.users, lessonId)).principal;
    await deps.journal.saveAttendance(principal, lessonId, { allPresent: true });
    const view = await deps.journal.getLesson(principal, lessonId);
    await editToCard(ctx, view, `✅ ${ctx.t('teacher.att.savedAll')}`);
    return ctx.t('teacher.att.savedAll');
  }));

  composer.callbackQuery(PATTERNS.attendanceOpen, pressHandler(async (ctx) => {
    const { view } = await editableLesson(ctx, deps, Number(ctx.match[1]));
    const shown = renderAttendance(ctx, view, savedDraft(view));
    await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
  }));

  composer.callbackQuery(PATTERNS.attendanceToggle, pressHandler(async (ctx) => {
    const [, id, idx, draft, hash] = ctx.match;
    const { view } = await editableLesson(ctx, deps, Number(id));
    const statuses = await checkRoster(ctx, view, hash!, draft!);
    const i = Number(idx);
    if (i >= statuses.length) throw new Refusal('teacher.refused.stale');
    statuses[i] = STATUS_CYCLE[(STATUS_CYCLE.indexOf(statuses[i]!) + 1) % STATUS_CYCLE.length]!;
    const shown = renderAttendance(ctx, view, statuses);
    await quietEdit(ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.keyboard }));
  }));

  composer.callbackQuery(PATTERNS.attendanceSave, pressHandler(async (ctx) => {
    const [, id, draft, hash] = ctx.match;
    const { principal, view } = await editableLesson(ctx, deps, Number(id));
    const statuses = await checkRoster(ctx, view, hash!, draft!);
    // A reason saved earlier (a parent's note typed in by the office) stays while the status does.
    const marks = view.students.flatMap((s, i) => (statuses[i] === 'present' ? [] : [{
      studentId: s.id, status: statuses[i]!, reason: s.attendance && s.attendance.status === statuses[i] ? s.attendance.reason : null,
    }]));
    await deps.journal.saveAttendance(principal, view.lesson.id, { marks });
    const saved = await deps.journal.getLesson(principal, view.lesson.id);
    await editToCard(ctx, saved, `✅ ${ctx.t('teacher.att.saved')}`);
    return ctx.t('teacher.att.saved');
  }));
  return composer;
}

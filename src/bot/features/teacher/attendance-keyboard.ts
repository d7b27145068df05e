import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { LOCALES, type Locale } from '../../../domain/access/types.js';
import type { AttendanceStatus } from '../../../domain/lessons/types.js';
import { translator, type Translate } from '../../../i18n/index.js';
import { cb, decodeDraft, encodeDraft, PATTERNS } from './callback-data.js';
import { statusLabel } from './lesson-card.js';

/** What an attendance keyboard shows: one button per student of the roster, in roster order. */
export interface AttendanceDraft {
  lessonId: number;
  /** Short names as on the buttons («Иванов И.»). */
  names: string[];
  statuses: AttendanceStatus[];
  /** rosterHash of the student ids the keyboard was drawn for. */
  hash: string;
}

/**
 * The one drawing of the attendance keyboard. The whole draft is in it (statuses in every
 * button's data, the count on «Сохранить»), so the message text never changes while the
 * teacher taps and a tap only has to replace the keyboard.
 */
export function attendanceKeyboard(t: Translate, d: AttendanceDraft): InlineKeyboard {
  const draft = encodeDraft(d.statuses);
  const marked = d.statuses.filter((s) => s !== 'present').length;
  // Plain-text labels, two students a row: a class of 35 fits on one screen or two. Rows are
  // built whole, so an even class leaves no empty row before «Сохранить».
  const students = d.names.map((name, i) =>
    InlineKeyboard.text(`${name} ${statusLabel(t, d.statuses[i]!)}`, cb.attendanceToggle(d.lessonId, i, draft, d.hash)),
  );
  const rows = [];
  for (let i = 0; i < students.length; i += 2) rows.push(students.slice(i, i + 2));
  rows.push([InlineKeyboard.text(t('teacher.btn.saveMarks', { n: marked }), cb.attendanceSave(d.lessonId, draft, d.hash))]);
  rows.push([
    InlineKeyboard.text(t('teacher.btn.allPresent'), cb.allPresent(d.lessonId)),
    InlineKeyboard.text(t('teacher.btn.back'), cb.cardInPlace(d.lessonId)),
  ]);
  return new InlineKeyboard(rows);
}

const sameButtons = (a: InlineKeyboardButton[][], b: InlineKeyboardButton[][]) =>
  a.length === b.length &&
  a.every(
    (row, r) =>
      row.length === b[r]!.length &&
      row.every((x, c) => {
        const y = b[r]![c]!;
        return x.text === y.text && 'callback_data' in x && 'callback_data' in y && x.callback_data === y.callback_data;
      }),
  );

/** A tap read back from the keyboard it was made on. */
export interface KeyboardTap {
  /** The draft the message shows now. */
  draft: AttendanceDraft;
  index: number;
  locale: Locale;
  /**
   * The pressed button was drawn before this student's mark last changed: the same button
   * pressed again before the redrawn keyboard reached the phone. Counted once.
   */
  repeat: boolean;
}

/**
 * Reads a keyboard that attendanceKeyboard drew back into its draft: the keyboard of the
 * message a tap was made on, as Telegram sends it with the callback query (as it is now, after
 * any edits). It is accepted only when drawing its draft again in one of our languages gives
 * exactly the same buttons, and the pressed data is a student button of the same lesson and
 * roster; anything else (an older layout, a keyboard of another kind, another lesson's data)
 * is null, and the caller takes the long way.
 *
 * The tap applies to the draft the message shows, not to the one in the pressed data: two
 * students tapped in quick succession, the second before the first redraw reached the phone,
 * both count.
 */
export function readAttendanceKeyboard(markup: InlineKeyboardMarkup | undefined, pressed: string): KeyboardTap | null {
  const tap = PATTERNS.attendanceToggle.exec(pressed);
  if (!tap || !markup?.inline_keyboard) return null;
  const toggles = markup.inline_keyboard.flat().filter((b) => 'callback_data' in b && b.callback_data?.startsWith('a1:'));
  const first = toggles[0];
  const shown = first && 'callback_data' in first ? PATTERNS.attendanceToggle.exec(first.callback_data ?? '') : null;
  if (!shown || shown[1] !== tap[1] || shown[4] !== tap[4]) return null;
  const index = Number(tap[2]);
  const statuses = decodeDraft(shown[3]!, toggles.length);
  const pressedStatuses = decodeDraft(tap[3]!, toggles.length);
  if (!statuses || !pressedStatuses || index >= toggles.length) return null;
  for (const locale of LOCALES) {
    const t = translator(locale);
    const names: string[] = [];
    for (const [i, b] of toggles.entries()) {
      const suffix = ` ${statusLabel(t, statuses[i]!)}`;
      if (!b.text.endsWith(suffix)) break;
      names.push(b.text.slice(0, -suffix.length));
    }
    if (names.length !== toggles.length) continue;
    const draft: AttendanceDraft = { lessonId: Number(shown[1]), names, statuses, hash: shown[4]! };
    if (sameButtons(attendanceKeyboard(t, draft).inline_keyboard, markup.inline_keyboard)) {
      return { draft, index, locale, repeat: pressedStatuses[index] !== statuses[index] };
    }
  }
  return null;
}

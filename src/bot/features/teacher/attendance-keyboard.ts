import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { LOCALES, type Locale } from '../../../domain/access/types.js';
import type { AttendanceStatus } from '../../../domain/lessons/types.js';
import { translator, type Translate } from '../../i18n/index.js';
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
  const kb = new InlineKeyboard();
  d.names.forEach((name, i) => {
    // Plain-text label: two buttons a row keeps a class of 35 on one screen or two.
    kb.text(`${name} ${statusLabel(t, d.statuses[i]!)}`, cb.attendanceToggle(d.lessonId, i, draft, d.hash));
    if (i % 2 === 1) kb.row();
  });
  kb.row().text(t('teacher.btn.saveMarks', { n: marked }), cb.attendanceSave(d.lessonId, draft, d.hash)).row();
  kb.text(t('teacher.btn.allPresent'), cb.allPresent(d.lessonId)).text(t('teacher.btn.back'), cb.cardInPlace(d.lessonId));
  return kb;
}

const sameButtons = (a: InlineKeyboardButton[][], b: InlineKeyboardButton[][]) =>
  a.length === b.length && a.every((row, r) => row.length === b[r]!.length && row.every((x, c) => {
    const y = b[r]![c]!;
    return x.text === y.text && 'callback_data' in x && 'callback_data' in y && x.callback_data === y.callback_data;
  }));

/**
 * Reads a keyboard that attendanceKeyboard drew back into its draft: the keyboard of the
 * message a tap was made on, as Telegram sends it with the callback query. It is accepted only
 * when drawing the draft again in one of our languages gives exactly the same buttons and the
 * pressed data is one of its student buttons; anything else (an older layout, a keyboard of
 * another kind, data that is not on the message) is null, and the caller takes the long way.
 */
export function readAttendanceKeyboard(markup: InlineKeyboardMarkup | undefined, pressed: string): { draft: AttendanceDraft; index: number; locale: Locale } | null {
  const m = PATTERNS.attendanceToggle.exec(pressed);
  if (!m || !markup?.inline_keyboard) return null;
  const [, lessonId, index, draftCode, hash] = m;
  const toggles = markup.inline_keyboard.flat().filter((b) => 'callback_data' in b && b.callback_data?.startsWith('a1:'));
  const statuses = decodeDraft(draftCode!, toggles.length);
  if (!statuses || Number(index) >= toggles.length) return null;
  for (const locale of LOCALES) {
    const t = translator(locale);
    const names: string[] = [];
    for (const [i, b] of toggles.entries()) {
      const suffix = ` ${statusLabel(t, statuses[i]!)}`;
      if (!b.text.endsWith(suffix)) break;
      names.push(b.text.slice(0, -suffix.length));
    }
    if (names.length !== toggles.length) continue;
    const draft: AttendanceDraft = { lessonId: Number(lessonId), names, statuses, hash: hash! };
    if (sameButtons(attendanceKeyboard(t, draft).inline_keyboard, markup.inline_keyboard)) return { draft, index: Number(index), locale };
  }
  return null;
}

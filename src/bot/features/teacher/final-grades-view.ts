import { InlineKeyboard } from 'grammy';
import type { Locale } from '../../../domain/access/types.js';
import type { FinalSheet, FinalSheetStudent } from '../../../domain/journal/index.js';
import { gradeValues } from '../../../domain/schools/policy.js';
import { formatDayMonth, type Translate } from '../../../i18n/index.js';
import { shortName } from './acting.js';
import { cb, rosterHash, valueCode } from './callback-data.js';
import { valueLabel } from './grade-values.js';
import type { Rendered } from './lesson-card.js';

export const sheetHash = (sheet: FinalSheet) => rosterHash(sheet.students.map((s) => s.student.id));

export function formatAverage(average: number, locale: Locale): string {
  return average.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 });
}

/** How a student under the minimum of current grades is marked: ⚠ the policy warns, ⛔ it refuses. */
export const FLAG = { ok: '', warn: ' ⚠', refuse: ' ⛔' } as const;

/** Average, suggestion and count of a student, as one short phrase. */
export function summaryOf(t: Translate, locale: Locale, s: FinalSheetStudent): string {
  if (s.average === null || s.suggestion === null) return t('final.summary.none', { count: s.marks.length });
  return t('final.summary', { average: formatAverage(s.average, locale), suggestion: valueLabel(t, s.suggestion), count: s.marks.length });
}

/** Whether a press may set this student's grade now (the screen shows it; the service decides again). */
export const canTake = (sheet: FinalSheet, s: FinalSheetStudent) => sheet.open && s.minimum !== 'refuse';

/** The students a "take suggestions" press would set: no final grade yet, a suggestion, not refused by the minimum. */
export const takeable = (sheet: FinalSheet) => sheet.students.filter((s) => !s.final && s.suggestion !== null && canTake(sheet, s));

function headLines(t: Translate, locale: Locale, sheet: FinalSheet): string[] {
  const w = sheet.window;
  const day = (d: string) => formatDayMonth(d, locale);
  const lines = [
    t('final.title', { subject: sheet.course.subjectName, group: sheet.course.groupName, n: sheet.term, kind: w.period.kind }),
    t('final.window', { opens: day(w.opens), due: day(w.due), closes: day(w.closes) }),
  ];
  if (!sheet.open)
    lines.push(
      sheet.today < w.opens ? t('final.window.notYet', { opens: day(w.opens) }) : t('final.window.over', { closes: day(w.closes) }),
    );
  if (sheet.minCurrentGrades > 0)
    lines.push(t('final.minimum', { n: sheet.minCurrentGrades, refuse: sheet.minCurrentGradesRule === 'refuse' }));
  return lines;
}

/**
 * The class's final-grade screen: every student with average, suggestion and the grade set; a
 * tap takes every suggestion for students still without a grade, a tap per student takes theirs,
 * and the name opens the scale for any other mark.
 */
export function renderSheet(t: Translate, locale: Locale, sheet: FinalSheet, banner?: string): Rendered {
  const id = sheet.course.courseId;
  const hash = sheetHash(sheet);
  const lines = headLines(t, locale, sheet);
  lines.push('');
  if (!sheet.students.length) lines.push(t('final.empty'));
  sheet.students.forEach((s, i) => {
    const final = s.final ? valueLabel(t, s.final.value) : '';
    lines.push(t('final.line', { n: i + 1, name: shortName(s.student) + FLAG[s.minimum], summary: summaryOf(t, locale, s), final }));
  });
  const kb = new InlineKeyboard();
  const waiting = takeable(sheet);
  if (waiting.length) kb.text(t('final.btn.takeAll', { n: waiting.length }), cb.finalTakeAll(id, sheet.term, hash)).row();
  if (sheet.open) {
    sheet.students.forEach((s, i) => {
      const mark = s.final ? ` · ${valueLabel(t, s.final.value)}` : '';
      kb.text(`${i + 1}. ${shortName(s.student)}${FLAG[s.minimum]}${mark}`, cb.finalStudent(id, sheet.term, i, hash));
      if (!s.final && s.suggestion && canTake(sheet, s))
        kb.text(
          t('final.btn.take', { value: valueLabel(t, s.suggestion) }),
          cb.finalValue(id, sheet.term, i, hash, valueCode(s.suggestion)),
        );
      kb.row();
    });
  }
  return { text: [banner, lines.join('\n')].filter(Boolean).join('\n\n'), keyboard: kb };
}

/** One student's current marks of the period, with their work types, and the average behind the suggestion. */
export function studentLines(t: Translate, locale: Locale, sheet: FinalSheet, s: FinalSheetStudent): string[] {
  const typeName = (code: string | null) => (code ? (sheet.workTypes.find((w) => w.code === code)?.name ?? code) : null);
  const list = s.marks.map((m) => {
    const type = typeName(m.workType);
    return `${valueLabel(t, m.value)}${type ? ` (${type})` : ''}`;
  });
  const lines = [list.length ? t('final.marks', { list: list.join(', ') }) : t('final.marks.none')];
  if (s.average !== null && s.suggestion !== null)
    lines.push(t('final.average', { average: formatAverage(s.average, locale), suggestion: valueLabel(t, s.suggestion) }));
  if (s.minimum !== 'ok') lines.push(t('final.underMinimum', { count: s.marks.length, min: sheet.minCurrentGrades }));
  return lines;
}

/** A student's value picker on the screen: the suggestion first, then the school's scale. */
export function renderStudent(t: Translate, locale: Locale, sheet: FinalSheet, idx: number): Rendered {
  const s = sheet.students[idx]!;
  const id = sheet.course.courseId;
  const hash = sheetHash(sheet);
  const kb = new InlineKeyboard();
  if (s.suggestion)
    kb.text(
      t('final.btn.take', { value: valueLabel(t, s.suggestion) }),
      cb.finalValue(id, sheet.term, idx, hash, valueCode(s.suggestion)),
    ).row();
  for (const v of gradeValues(sheet.scale)) kb.text(valueLabel(t, v), cb.finalValue(id, sheet.term, idx, hash, valueCode(v)));
  kb.row().text(t('final.btn.back'), cb.finalRedraw(id, sheet.term));
  const text = [headLines(t, locale, sheet)[0], '', t('final.pick', { name: shortName(s.student) }), ...studentLines(t, locale, sheet, s)];
  return { text: text.join('\n'), keyboard: kb };
}

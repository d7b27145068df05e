import type { ClassGradesView, ClassRiskView, ClassSheetView, PeriodWindow, RiskReason } from '../../../domain/class-journal/index.js';
import { FALLBACK_MONTHS } from '../../../domain/family/index.js';
import { formatLocalDate } from '../../../domain/shared/dates.js';
import type { Translate } from '../../../i18n/index.js';
import { cj } from './callback-data.js';
import { backToMenu, type Buttons } from './menu-keyboard.js';
import { paged, type Screen } from './pages.js';

/** Subject buttons two to a row, cut so that two fit side by side on a phone (as on the parent's screen). */
const LABEL_MAX = 24;
const PER_ROW = 2;
const MARK_WORDS: Record<string, string> = { pass: '✓', fail: '✗' };

const label = (text: string) => (text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text);
const short = (date: string) => formatLocalDate(date, 'dd.MM');
const periodOf = (p: PeriodWindow) => ({ kind: p.kind, n: p.number, from: short(p.from), to: short(p.to), months: FALLBACK_MONTHS });

/** The class's average per subject; a button per subject opens its sheet. */
export function renderGrades(t: Translate, v: ClassGradesView): Screen {
  const lines = [t('cj.grades.head', { group: v.group.name, ...periodOf(v.period) }), ''];
  if (!v.subjects.length) lines.push(t('cj.grades.none'));
  for (const s of v.subjects)
    lines.push(
      t('cj.grades.line', { subject: s.subject, average: s.average, graded: s.graded, students: v.studentCount, failing: s.failing }),
    );
  if (v.subjects.length) lines.push('', `<i>${t('cj.grades.hint')}</i>`);
  const buttons: Buttons = [];
  v.subjects.forEach((s, i) => {
    if (i % PER_ROW === 0) buttons.push([]);
    buttons.at(-1)!.push({ text: label(s.subject), data: cj.sheet(v.group.id, s.subjectId) });
  });
  buttons.push([{ text: t('cj.btn.risk'), data: cj.risk(v.group.id) }, backToMenu(t, v.group.id)]);
  return paged(t, lines, buttons);
}

/** One subject's ведомость: every student's marks in date order and weighted average. */
export function renderSheet(t: Translate, v: ClassSheetView): Screen {
  const lines = [t('cj.sheet.head', { group: v.group.name, subject: v.subject.name, ...periodOf(v.period) }), ''];
  const rows = v.rows.map((r, i) =>
    t('cj.sheet.row', { n: i + 1, name: r.name, marks: r.marks.map((m) => MARK_WORDS[m] ?? m), average: r.average }),
  );
  lines.push(...rows);
  lines.push('', t('cj.sheet.average', { average: v.average }));
  return paged(t, lines, [[{ text: t('cj.btn.subjects'), data: cj.grades(v.group.id) }, backToMenu(t, v.group.id)]]);
}

const reasonText = (t: Translate, r: RiskReason) =>
  r.kind === 'failing' ? t('cj.risk.failing', { average: r.average }) : t('cj.risk.twos', { twos: r.twos, of: r.of });

/** Students at risk: one line per student and subject, naming the reasons. */
export function renderRisk(t: Translate, v: ClassRiskView): Screen {
  const lines = [t('cj.risk.head', { group: v.group.name, ...periodOf(v.period) }), ''];
  if (!v.entries.length) lines.push(t('cj.risk.none'));
  for (const e of v.entries)
    lines.push(t('cj.risk.line', { name: e.name, subject: e.subject, reasons: e.reasons.map((r) => reasonText(t, r)) }));
  lines.push('', `<i>${t('cj.risk.legend', { twos: v.recentTwos })}</i>`);
  return paged(t, lines, [[{ text: t('cj.btn.grades'), data: cj.grades(v.group.id) }, backToMenu(t, v.group.id)]]);
}

import type { DivisionKind } from '../domain/year/types.js';
import { pluralEn } from './format.js';
import type { periodRu } from './period-ru.js';
import type { Messages } from './ru.js';

/** "Quarter 2", "Trimester 1", "Half-year 2": a study period by its kind and number. */
export function periodNameEn(kind: DivisionKind | null, n: number): string {
  if (kind === 'quarters') return `Quarter ${n}`;
  if (kind === 'trimesters') return `Trimester ${n}`;
  if (kind === 'halves') return `Half-year ${n}`;
  return `Study period ${n}`;
}

const WORK: Record<string, string> = {
  control: 'test paper',
  dictation: 'dictation',
  essay: 'essay',
  summary: 'summary',
  credit: 'credit test',
  lab: 'lab work',
  practical: 'practical work',
  independent: 'independent work',
  check: 'check-up',
  test: 'quiz',
};
const MARK: Record<string, string> = { pass: 'pass', fail: 'fail' };
// A school's own work type has only its Russian name.
const work = (code: string | null, name: string | null) => (code === null ? '' : ` (${WORK[code] ?? name ?? code})`);

const number = (v: number) => v.toFixed(2);
const marks = (n: number) => `${n} ${pluralEn(n, ['grade', 'grades'])}`;
const term = (v: string | null) => (v ? ` · term grade <b>${MARK[v] ?? v}</b>` : '');

export const periodEn: Pick<Messages, keyof typeof periodRu> = {
  'period.btn.list': 'grades',
  'period.btn.open': '📊 Period grades',
  'period.btn.subjects': '← All subjects',
  'period.head': (p) => `<b>${p.name}</b> — ${periodNameEn(p.kind, p.n)}, ${p.from}–${p.to}`,
  'period.fallback': (p) =>
    `<b>${p.name}</b> — ${p.from}–${p.to}\n<i>The school has not loaded its study periods, so these are the grades of the last ${p.months} ${pluralEn(p.months, ['month', 'months'])}.</i>`,
  'period.hint': (p) =>
    `The average is weighted by the kind of work (tests weigh more). The forecast is the rounded average once there are at least ${p.min} grades; the teacher sets the final grade.`,
  'period.line': (p) => {
    if (!p.count) return `• <b>${p.subject}</b> — no grades${term(p.term)}`;
    const avg = p.average === null ? marks(p.count) : `${number(p.average)} (${marks(p.count)})`;
    const forecast = !p.enough ? ' · not enough grades for a forecast' : p.forecast ? ` · forecast <b>${p.forecast}</b>` : '';
    return `• <b>${p.subject}</b> — ${avg}${forecast}${term(p.term)}`;
  },
  'period.none': 'The child has no subjects in this period.',
  'period.subject.head': (p) => `<b>${p.name}</b> — ${p.subject}`,
  'period.subject.range': (p) => (p.n === null ? `${p.from}–${p.to}` : `${periodNameEn(p.kind, p.n)}, ${p.from}–${p.to}`),
  'period.mark': (p) =>
    `${p.date} — <b>${MARK[p.value] ?? p.value}</b>${work(p.workCode, p.workName)}${p.comment ? ` — ${p.comment}` : ''}`,
  'period.noMarks': 'No grades in this period yet.',
  'period.average': (p) =>
    p.average === null ? `Grades: ${p.count}` : `Average: <b>${number(p.average)}</b> (${marks(p.count)}, weighted by kind of work)`,
  'period.forecast': (p) =>
    !p.enough
      ? `Final grade forecast: not enough grades yet (${p.count} of ${p.min})`
      : p.forecast
        ? `Final grade forecast: <b>${p.forecast}</b>`
        : 'Final grade forecast: none (no numeric grades)',
  'period.term': (p) => `Term grade${p.n === null ? '' : ` for ${periodNameEn(p.kind, p.n)}`}: <b>${MARK[p.value] ?? p.value}</b>`,
  'period.gone': "These grades are not available: the child is not among yours or does not take this subject. Open 'My children' again.",
};

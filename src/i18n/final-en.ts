import { pluralEn } from './format.js';
import type { finalRu } from './final-ru.js';
import type { Messages } from './ru.js';

const PERIOD: Record<string, string> = { quarters: 'term', trimesters: 'trimester', halves: 'half-year' };
const marks = (n: number) => `${n} ${pluralEn(n, ['mark', 'marks'])}`;

export const finalEn: Pick<Messages, keyof typeof finalRu> = {
  'final.title': (p) => `<b>Final grades: ${p.subject}, ${p.group}</b> — ${PERIOD[p.kind] ?? 'period'} ${p.n}`,
  'final.window': (p) => `Grades accepted ${p.opens} – ${p.closes}, due ${p.due}.`,
  'final.window.notYet': (p) => `🔒 Grades open on ${p.opens}.`,
  'final.window.over': (p) => `🔒 Grades closed on ${p.closes}.`,
  'final.minimum': (p) =>
    `At least ${marks(p.n)} needed: below that — ${p.refuse ? '⛔ no final grade can be given' : '⚠ a final grade can still be given'}.`,
  'final.line': (p) => `${p.n}. ${p.name} — ${p.summary} · final: ${p.final ? `<b>${p.final}</b>` : '—'}`,
  'final.summary': (p) => `${p.average} → ${p.suggestion} (${marks(p.count)})`,
  'final.summary.none': (p) => (p.count ? `${marks(p.count)}, no average` : 'no marks'),
  'final.empty': 'No students in the class during this period.',
  'final.pick': (p) => `Final grade for <b>${p.name}</b>:`,
  'final.marks': (p) => `Current marks: ${p.list}`,
  'final.marks.none': 'No current marks in the period.',
  'final.average': (p) => `Average: ${p.average} → suggested <b>${p.suggestion}</b>`,
  'final.underMinimum': (p) => `⚠ ${marks(p.count)} — below the minimum (${p.min}).`,
  'final.saved': (p) => `✅ Saved: ${p.name} — ${p.value}`,
  'final.savedMany': (p) => `✅ ${marks(p.n)} given.`,
  'final.warned': (p) => `⚠ ${p.n} ${pluralEn(p.n, ['student has', 'students have'])} fewer current marks than the minimum.`,
  'final.skipped': (p) => `${p.n} ${pluralEn(p.n, ['student has', 'students have'])} no suggestion: give those by hand.`,
  'final.unchanged': 'That grade is already set.',
  'final.nothingToTake': 'No student without a final grade has a suggestion.',
  'final.btn.open': '🏁 Final grades',
  'final.btn.takeAll': (p) => `✓ Take suggestions (${p.n})`,
  'final.btn.take': (p) => `✓ ${p.value}`,
  'final.btn.back': '‹ Back to the list',
  'final.refused.window': (p) => `Final grades of this period are accepted from ${p.opens} to ${p.closes} — nothing was saved.`,
  'final.refused.minimum': (p) =>
    `The student has ${marks(p.count)} in the period and needs at least ${p.min} — no final grade can be given.`,
  'final.refused.noPeriods': 'No study periods are loaded for this class: enter final grades through «Grades» on a lesson.',
  'final.refused.external': 'This grade came from the main journal — change it there.',
  'final.refused.forbidden': 'This is not your subject.',
  'final.refused.notFound': 'Subject not found.',
  'final.refused.stale': 'This button is out of date. Open the final grades again.',
};

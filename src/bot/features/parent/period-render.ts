import { FALLBACK_MONTHS, type ChildPeriodView, type ChildSubjectView, type PeriodWindow } from '../../../domain/family/index.js';
import { formatLocalDate } from '../../../domain/shared/dates.js';
import type { Translate } from '../../../i18n/index.js';
import type { FollowUp } from '../../deps.js';
import { truncate } from './render.js';

/** Button labels are cut so that two subjects fit side by side on a phone. */
const LABEL_MAX = 24;
const PER_ROW = 2;

/** «05.11»: the short dates of a period, already the school's local dates. */
const short = (date: string) => formatLocalDate(date, 'dd.MM');
const label = (text: string) => (text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text);
const nameOf = (v: { student: { lastName: string; firstName: string } }) => `${v.student.lastName} ${v.student.firstName}`;

/** Callback data of the period screens: `pp:<studentId>` lists subjects, `pp:<studentId>:<subjectId>` opens one. */
export const periodData = (studentId: number, subjectId?: number) =>
  subjectId === undefined ? `pp:${studentId}` : `pp:${studentId}:${subjectId}`;

function heading(t: Translate, name: string, period: PeriodWindow): string {
  const from = short(period.from);
  const to = short(period.to);
  return period.fallback || period.number === null
    ? t('period.fallback', { name, months: FALLBACK_MONTHS, from, to })
    : t('period.head', { name, kind: period.kind, n: period.number, from, to });
}

/**
 * Every subject on one line (a child with fifteen subjects stays far below Telegram's 4096
 * characters) and a button per subject, two to a row.
 */
export function renderPeriod(t: Translate, view: ChildPeriodView): FollowUp {
  const lines = view.subjects.map((s) =>
    t('period.line', {
      subject: s.subject,
      count: s.count,
      average: s.average,
      forecast: s.forecast,
      enough: s.enough,
      term: s.termGrade,
    }),
  );
  const body = lines.length ? `${lines.join('\n')}\n\n<i>${t('period.hint', { min: view.minGrades })}</i>` : t('period.none');
  const buttons: FollowUp['buttons'] = [];
  view.subjects.forEach((s, i) => {
    if (i % PER_ROW === 0) buttons.push([]);
    buttons.at(-1)!.push({ text: label(s.subject), data: periodData(view.student.id, s.subjectId) });
  });
  buttons.push([
    { text: t('children.today', { name: view.student.firstName }), data: `pc:d:${view.student.id}` },
    { text: t('children.back'), data: 'pc:list' },
  ]);
  return { html: truncate(`${heading(t, nameOf(view), view.period)}\n\n${body}`, t), buttons };
}

/** One subject: its marks with dates and work types, the average, the forecast and the term grade. */
export function renderSubject(t: Translate, view: ChildSubjectView): FollowUp {
  const { period, subject: s } = view;
  const range = t('period.subject.range', { kind: period.kind, n: period.number, from: short(period.from), to: short(period.to) });
  const marks = view.marks.map((m) =>
    t('period.mark', {
      date: short(m.date),
      value: m.value,
      workCode: m.workType?.code ?? null,
      workName: m.workType?.name ?? null,
      comment: m.comment,
    }),
  );
  // With no marks there is no average or forecast to speak of; a term grade may still be set.
  const summary = marks.length
    ? [
        t('period.average', { average: s.average, count: s.count }),
        t('period.forecast', { forecast: s.forecast, enough: s.enough, count: s.count, min: view.minGrades }),
      ]
    : [];
  if (s.termGrade) summary.push(t('period.term', { kind: period.kind, n: period.number, value: s.termGrade }));
  const parts = [
    `${t('period.subject.head', { name: nameOf(view), subject: s.subject })}\n${range}`,
    marks.length ? marks.join('\n') : t('period.noMarks'),
    summary.join('\n'),
  ].filter(Boolean);
  const buttons = [
    [
      { text: t('period.btn.subjects'), data: periodData(view.student.id) },
      { text: t('children.back'), data: 'pc:list' },
    ],
  ];
  return { html: truncate(parts.join('\n\n'), t), buttons };
}

import type { DivisionKind } from '../domain/year/types.js';
import { pluralRu } from './format.js';
import { periodNameRu } from './period-ru.js';

const number = (v: number) => v.toFixed(2).replace('.', ',');
const lessons = (n: number) => `${n} ${pluralRu(n, ['урок', 'урока', 'уроков'])}`;
const days = (n: number) => `${n} ${pluralRu(n, ['день', 'дня', 'дней'])}`;
const students = (n: number) => `${n} ${pluralRu(n, ['ученик', 'ученика', 'учеников'])}`;
type Counts = { excused: number; unexcused: number; parentExplained: number; late: number; excusedDays: number; unexcusedDays: number };
/** «без причины 3 урока (родитель объяснил 1) · уважительно 2 урока · опозданий 1 · целых дней: без причины 1» */
function counts(p: Counts): string {
  const parts: string[] = [];
  if (p.unexcused) parts.push(`без причины ${lessons(p.unexcused)}${p.parentExplained ? ` (родитель объяснил ${p.parentExplained})` : ''}`);
  if (p.excused) parts.push(`уважительно ${lessons(p.excused)}`);
  if (p.late) parts.push(`опозданий ${p.late}`);
  const whole = [p.unexcusedDays ? `без причины ${days(p.unexcusedDays)}` : '', p.excusedDays ? `уважительно ${days(p.excusedDays)}` : '']
    .filter(Boolean)
    .join(', ');
  if (whole) parts.push(`целиком: ${whole}`);
  return parts.length ? parts.join(' · ') : 'пропусков нет';
}
type Period = { kind: DivisionKind | null; n: number | null; from: string; to: string; months: number };
const period = (p: Period) =>
  p.n === null ? `последние ${p.months} мес., ${p.from}–${p.to}` : `${periodNameRu(p.kind, p.n)}, ${p.from}–${p.to}`;

/** The class teacher's «Мой класс»: the class journal on the phone (Russian, the reference). */
export const classjournalRu = {
  'cj.menu': (p: { group: string }) => `<b>${p.group}</b> — классный журнал. Что показать?`,
  'cj.btn.today': 'Сегодня',
  'cj.btn.week': 'Неделя',
  'cj.btn.month': 'Месяц',
  'cj.btn.grades': 'Оценки',
  'cj.btn.risk': 'Группа риска',
  'cj.btn.parents': 'Родители',
  'cj.btn.menu': '← Меню класса',
  'cj.btn.subjects': '← Все предметы',
  'cj.btn.prev': (p: { label: string }) => `‹ ${p.label}`,
  'cj.btn.next': (p: { label: string }) => `${p.label} ›`,
  'cj.forbidden': 'Этот класс вам недоступен: вы не его классный руководитель.',
  'cj.gone': 'Не нашёл этот класс или предмет. Откройте «Мой класс» заново.',
  'cj.mark.absent': 'н',
  'cj.mark.sick': 'б',
  'cj.mark.excused': 'у',
  'cj.mark.late': 'оп',
  'cj.day.head': (p: { group: string; day: string }) => `<b>${p.group}</b> — ${p.day}`,
  'cj.day.unexplained': '<b>Без уважительной причины (н):</b>',
  'cj.day.noUnexplained': 'Пропусков без причины нет.',
  'cj.day.absent': (p: { name: string; lessons: string; wholeDay: boolean; answer: string | null }) =>
    `• <b>${p.name}</b> — ${p.wholeDay ? 'весь день' : p.lessons} · ${p.answer ? `родитель: ${p.answer}` : 'родитель не ответил'}`,
  'cj.day.names': (p: { names: string[] }) => p.names.join(', '),
  'cj.day.lessons': '<b>Уроки:</b>',
  'cj.day.noLessons': 'В этот день у класса нет уроков.',
  'cj.day.lesson': (p: { period: number | null; subject: string; group: string | null }) =>
    `${p.period ? `${p.period}. ` : ''}${p.subject}${p.group ? ` (${p.group})` : ''}`,
  'cj.day.allPresent': 'все присутствовали',
  'cj.day.notFilled': 'посещаемость не заполнена',
  'cj.day.cancelled': 'отменён',
  'cj.day.legend': 'н — без причины, б — болезнь, у — уважительная, оп — опоздание.',
  'cj.abs.week': (p: { group: string; from: string; to: string }) => `<b>${p.group}</b> — неделя ${p.from}–${p.to}`,
  'cj.abs.month': (p: { group: string; month: string }) => `<b>${p.group}</b> — ${p.month}`,
  'cj.abs.line': (p: Counts & { name: string }) => `• <b>${p.name}</b>: ${counts(p)}`,
  'cj.abs.none': 'Пропусков и опозданий нет.',
  'cj.abs.total': (p: Counts & { students: number; clean: number }) =>
    `<b>Итого</b> (${students(p.students)}, без пропусков и опозданий: ${p.clean}): ${counts(p)}`,
  'cj.abs.legend':
    'Уважительно — б и у; без причины — н (ответ родителя на уведомление показан, пока школа не поставила б или у). «Целиком» — дни, когда пропущены все уроки. Считаются проведённые уроки с заполненной посещаемостью.',
  'cj.grades.head': (p: Period & { group: string }) => `<b>${p.group}</b> — оценки, ${period(p)}`,
  'cj.grades.line': (p: { subject: string; average: number | null; graded: number; students: number; failing: number }) =>
    p.average === null
      ? `• <b>${p.subject}</b> — оценок нет`
      : `• <b>${p.subject}</b> — средний ${number(p.average)} · с оценками ${p.graded} из ${p.students}${p.failing ? ` · ниже 2,5: ${p.failing}` : ''}`,
  'cj.grades.none': 'Классу не назначено ни одного предмета.',
  'cj.grades.hint':
    'Средний балл класса — среднее из средних баллов учеников (с учётом веса работ). Выберите предмет, чтобы открыть ведомость.',
  'cj.sheet.head': (p: Period & { group: string; subject: string }) => `<b>${p.group}</b> — ${p.subject}, ${period(p)}`,
  'cj.sheet.row': (p: { n: number; name: string; marks: string[]; average: number | null }) =>
    p.marks.length
      ? `${p.n}. ${p.name} — ${p.marks.join(' ')}${p.average === null ? '' : ` · <b>${number(p.average)}</b>`}`
      : `${p.n}. ${p.name} — оценок нет`,
  'cj.sheet.average': (p: { average: number | null }) =>
    p.average === null ? 'Средний балл класса: нет оценок в баллах' : `Средний балл класса: <b>${number(p.average)}</b>`,
  'cj.risk.head': (p: Period & { group: string }) => `<b>${p.group}</b> — группа риска, ${period(p)}`,
  'cj.risk.line': (p: { name: string; subject: string; reasons: string[] }) => `• <b>${p.name}</b> — ${p.subject}: ${p.reasons.join('; ')}`,
  'cj.risk.failing': (p: { average: number }) => `средний ${number(p.average)} — выходит «2»`,
  'cj.risk.twos': (p: { twos: number; of: number }) =>
    `${p.twos} ${pluralRu(p.twos, ['двойка', 'двойки', 'двоек'])} из ${p.of} последних оценок`,
  'cj.risk.none': 'Учеников в группе риска нет.',
  'cj.risk.legend': (p: { twos: number }) =>
    `В списке: средний балл по предмету ниже 2,5 или не меньше ${p.twos} ${pluralRu(p.twos, ['двойки', 'двоек', 'двоек'])} среди трёх последних оценок.`,
  'cj.more': (p: { n: number; of: number }) => `<i>Продолжение (${p.n}/${p.of})</i>`,
} as const;

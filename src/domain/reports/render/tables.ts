import type { ReportKind, ReportRows, ReportTable } from '../types.js';
import { numericDate } from '../../shared/dates.js';
import { monthLabel, num } from './format.js';

type Column = ReportTable['columns'][number];
const text = (header: string, width: number): Column => ({ header, width });
const figure = (header: string, width = 1.3): Column => ({ header, width, align: 'right' });

const ATTENDANCE_COLUMNS = [
  figure('Уроков'),
  figure('н'),
  figure('б'),
  figure('у'),
  figure('оп'),
  figure('Пропущено'),
  figure('% пропусков'),
];
function attendanceCells(r: ReportRows['attendance-summary'] | ReportRows['class-attendance']): string[] {
  return [r.lessons, r.absent, r.sick, r.excused, r.late, r.missed].map((n) => num(n)).concat(num(r.missedPercent));
}

/** Headers and cells of each report as the school prints it; CSV and PDF share them. */
export const TABLES: { [K in ReportKind]: { title: string; table(rows: ReportRows[K][]): ReportTable } } = {
  'attendance-summary': {
    title: 'Сводная ведомость учёта посещаемости',
    table: (rows) => ({
      columns: [text('Класс', 1), text('Обучающийся', 4), text('Месяц', 2), ...ATTENDANCE_COLUMNS],
      rows: rows.map((r) => [r.groupName, r.studentName, monthLabel(r.month), ...attendanceCells(r)]),
    }),
  },
  'class-attendance': {
    title: 'Отчёт о посещаемости класса по месяцам',
    table: (rows) => ({
      columns: [text('Класс', 1), text('Месяц', 2), figure('Учащихся'), figure('Проведено уроков'), ...ATTENDANCE_COLUMNS],
      rows: rows.map((r) => [r.groupName, monthLabel(r.month), num(r.students), num(r.lessonsHeld), ...attendanceCells(r)]),
    }),
  },
  'grades-summary': {
    title: 'Сводная ведомость учёта успеваемости',
    table: (rows) => ({
      columns: [
        text('Класс', 1),
        text('Обучающийся', 3),
        text('Предмет', 2.5),
        text('Текущие отметки', 4),
        figure('Средний балл'),
        text('Четвертные', 1.5),
        figure('Годовая'),
      ],
      rows: rows.map((r) => [
        r.groupName,
        r.studentName,
        r.subjectName,
        r.current.map(ruGrade).join(' '),
        num(r.average, 2),
        r.terms.map((t) => `${t.term}: ${ruGrade(t.value)}`).join(', '),
        r.year === null ? '' : ruGrade(r.year),
      ]),
    }),
  },
  'class-results': {
    title: 'Итоги успеваемости класса за период',
    table: (rows) => ({
      columns: [
        text('Класс', 1),
        figure('Учащихся'),
        figure('Аттестовано'),
        figure('На «5»'),
        figure('На «4» и «5»'),
        figure('С одной «3»'),
        figure('С «3»'),
        figure('Неуспевающих'),
        figure('Не аттестовано'),
        figure('Качество, %'),
        figure('Успеваемость, %'),
      ],
      rows: rows.map((r) => [
        r.groupName,
        ...[r.students, r.assessed, r.excellent, r.good, r.oneThree, r.withThrees, r.failing, r.notAssessed].map((n) => num(n)),
        num(r.qualityPercent),
        num(r.successPercent),
      ]),
    }),
  },
  'class-sizes': {
    title: 'Наполняемость классов',
    table: (rows) => ({
      columns: [text('Класс', 2), figure('На начало периода'), figure('Прибыло'), figure('Выбыло'), figure('На конец периода')],
      rows: rows.map((r) => [r.groupName, num(r.atStart), num(r.arrived), num(r.departed), num(r.atEnd)]),
    }),
  },
  movement: {
    title: 'Движение обучающихся',
    table: (rows) => ({
      columns: [
        text('Дата', 1.2),
        text('Движение', 1.2),
        text('Обучающийся', 3),
        text('Класс', 1),
        text('Откуда / куда', 1.2),
        text('Основание', 3),
      ],
      rows: rows.map((r) => [
        numericDate(r.date),
        r.kind === 'arrival' ? 'прибыл' : 'выбыл',
        r.studentName,
        r.groupName,
        r.otherGroupName ?? '',
        r.reason ?? '',
      ]),
    }),
  },
  'plan-fulfilment': {
    title: 'Выполнение учебного плана',
    table: (rows) => ({
      columns: [
        text('Класс', 1),
        text('Предмет', 2.5),
        text('Учитель', 2.5),
        figure('Часов по плану'),
        figure('Часов по КТП'),
        figure('Запланировано уроков'),
        figure('Отменено'),
        figure('Проведено'),
        figure('Из них замен'),
        figure('Проведено, %'),
        figure('КТП от плана, %'),
      ],
      rows: rows.map((r) => [
        r.groupName,
        r.subjectName,
        r.teacherName,
        num(r.curriculumHours),
        num(r.ktpHours),
        num(r.lessonsPlanned),
        num(r.lessonsCancelled),
        num(r.lessonsHeld),
        num(r.substituted),
        num(r.heldPercent),
        num(r.ktpPercent),
      ]),
    }),
  },
  'parent-linking': {
    title: 'Подключение родителей к журналу',
    table: (rows) => ({
      columns: [text('Класс', 2), figure('Учащихся'), figure('С подключённым родителем'), figure('Доля, %')],
      rows: rows.map((r) => [r.groupName, num(r.students), num(r.withLinkedParent), num(r.linkedPercent)]),
    }),
  },
  'control-works': {
    title: 'Контрольные, лабораторные и практические работы',
    table: (rows) => ({
      columns: [
        text('Класс', 1),
        text('Предмет', 2.2),
        text('Период', 1.4),
        text('Дата', 1.2),
        text('Вид работы', 2.2),
        text('Тема', 4),
        text('Учитель', 2.4),
      ],
      rows: rows.map((r) => [
        r.groupName,
        r.subjectName,
        r.period ?? '',
        numericDate(r.date),
        r.workTypeName,
        r.topic ?? '',
        r.teacherName,
      ]),
    }),
  },
};

/** A mark as the school prints it: «зач» / «незач» for pass and fail. */
export function ruGrade(value: string): string {
  return value === 'pass' ? 'зач' : value === 'fail' ? 'незач' : value;
}

import type { ReportTable } from '../types.js';
import { num } from '../render/format.js';
import { ruGrade } from '../render/tables.js';
import type { CourseReportKind, CourseReportRows } from './types.js';

type Column = ReportTable['columns'][number];
const text = (header: string, width: number): Column => ({ header, width });
const figure = (header: string, width = 1.2): Column => ({ header, width, align: 'right' });
const no = (i: number) => String(i + 1);

/** A mark with its weight when it is not 1: «5×2» is a контрольная, so the average reads right on paper. */
function markText(m: { value: string; weight: number }): string {
  return m.weight === 1 ? ruGrade(m.value) : `${ruGrade(m.value)}×${num(m.weight)}`;
}

/** Headers and cells of the teacher's reports; CSV and PDF share them. `periodName` heads the ведомость's grade column. */
export const COURSE_TABLES: {
  [K in CourseReportKind]: { title: string; table(rows: CourseReportRows[K][], periodName: string): ReportTable };
} = {
  'course-sheet': {
    title: 'Ведомость успеваемости за период',
    table: (rows, periodName) => ({
      columns: [
        figure('№', 0.5),
        text('Обучающийся', 3.5),
        text('Текущие отметки (×вес вида работы)', 5),
        figure('Отметок'),
        figure('Средний взвешенный', 1.5),
        figure(`Отметка за ${periodName}`, 1.5),
      ],
      rows: rows.map((r, i) => [
        no(i),
        r.studentName,
        r.marks.map(markText).join(' '),
        num(r.marks.length),
        num(r.average, 2),
        r.periodGrade === null ? '' : ruGrade(r.periodGrade),
      ]),
    }),
  },
  'course-attendance': {
    title: 'Посещаемость уроков предмета за месяц',
    table: (rows) => ({
      columns: [
        figure('№', 0.5),
        text('Обучающийся', 4),
        figure('Уроков'),
        figure('н'),
        figure('б'),
        figure('у'),
        figure('оп'),
        figure('Пропущено'),
      ],
      rows: rows.map((r, i) => [no(i), r.studentName, ...[r.lessons, r.absent, r.sick, r.excused, r.late, r.missed].map((n) => num(n))]),
    }),
  },
  'teacher-plan': {
    title: 'Выполнение календарно-тематического планирования',
    table: (rows) => ({
      columns: [
        text('Класс', 1.2),
        text('Предмет', 2.5),
        figure('Часов по плану'),
        figure('Тем в КТП'),
        figure('Часов по КТП'),
        figure('Уроков по расписанию'),
        figure('Проведено'),
        figure('Тем записано'),
        figure('Отставание'),
      ],
      rows: rows.map((r) => [
        r.groupName,
        r.subjectName,
        num(r.plannedHours),
        ...[r.ktpTopics, r.ktpHours, r.scheduled, r.held, r.topicsEntered, r.lag].map((n) => num(n)),
      ]),
    }),
  },
};

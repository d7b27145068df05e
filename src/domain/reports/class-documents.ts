import type { Clock } from '../shared/clock.js';
import { localDateOf, type LocalDate } from '../shared/dates.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { periodsOfClass } from '../year/final-windows.js';
import type { DivisionKind } from '../year/types.js';
import type { UnitOfWork } from '../ports.js';
import type { ReportFile, ReportParams, ReportsService } from './index.js';
import { num, periodText } from './render/format.js';
import type { DocumentRenderer, ReportDocument, ReportRows, ReportTable } from './types.js';

export interface ClassDocumentsDeps {
  uow: UnitOfWork;
  clock: Clock;
  reports: Pick<ReportsService, 'report'>;
  renderer: DocumentRenderer;
}

export interface ClassDocument extends ReportFile {
  group: { id: number; name: string };
}

/** A study period of the class's grade level, offered as a report range. */
export interface ClassPeriod {
  id: number;
  kind: DivisionKind;
  number: number;
  from: LocalDate;
  to: LocalDate;
}

const SIGNATURES = ['Классный руководитель', 'Заместитель директора по УВР'];

type Column = ReportTable['columns'][number];
const figure = (header: string, width = 1.2): Column => ({ header, width, align: 'right' });

/** The attendance sheet: one line per student for the whole range. */
export function attendanceTable(rows: ReportRows['attendance-summary'][]): ReportTable {
  const whole = rows.filter((r) => r.month === null);
  return {
    columns: [
      figure('№', 0.5),
      { header: 'Обучающийся', width: 4 },
      figure('Уроков'),
      figure('Пропущено уроков'),
      figure('По уважительной (б, у)'),
      figure('Без уважительной (н)'),
      figure('Опозданий (оп)'),
      figure('% пропусков'),
    ],
    rows: whole.map((r, i) => [
      String(i + 1),
      r.studentName,
      num(r.lessons),
      num(r.missed),
      num(r.sick + r.excused),
      num(r.absent),
      num(r.late),
      num(r.missedPercent),
    ]),
  };
}

/** The results sheet: students down, subjects across, each cell «average / term grade» of the range. */
export function resultsTable(rows: ReportRows['grades-summary'][]): ReportTable {
  const subjects = [...new Set(rows.map((r) => r.subjectName))].sort((a, b) => a.localeCompare(b, 'ru'));
  const students = new Map<number, { name: string; cells: Map<string, string> }>();
  for (const r of rows) {
    const student = students.get(r.studentId) ?? { name: r.studentName, cells: new Map<string, string>() };
    students.set(r.studentId, student);
    const term = r.terms.at(-1)?.value ?? r.year ?? '';
    student.cells.set(r.subjectName, [num(r.average, 2), gradeText(term)].filter(Boolean).join(' / '));
  }
  return {
    columns: [
      figure('№', 0.5),
      { header: 'Обучающийся', width: 3.5 },
      ...subjects.map((s) => ({ header: s, width: 1.4, align: 'center' as const })),
    ],
    rows: [...students.values()].map((s, i) => [String(i + 1), s.name, ...subjects.map((subject) => s.cells.get(subject) ?? '')]),
  };
}

/** «Итоги успеваемости»: the counts a class teacher writes under the sheet. */
export function resultsNotes(totals: ReportRows['class-results'] | undefined): string[] {
  if (!totals) return ['Итоги: в классе нет учащихся за период.'];
  return [
    'В клетке: средний балл за период / отметка за период.',
    `Итоги: учащихся ${totals.students}, аттестовано ${totals.assessed}, не аттестовано ${totals.notAssessed}.`,
    `На «5» — ${totals.excellent}; на «4» и «5» — ${totals.good}; с одной «3» — ${totals.oneThree}; с «3» — ${totals.withThrees}; неуспевающих — ${totals.failing}.`,
    `Качество знаний ${num(totals.qualityPercent)} %; успеваемость ${num(totals.successPercent)} %.`,
  ];
}

function gradeText(value: string): string {
  return value === 'pass' ? 'зач' : value === 'fail' ? 'незач' : value;
}

/**
 * The class teacher's printable documents (docs/reports.md, «Документы класса»): the class's
 * attendance and its results for a month or a study period, built from the school's reports, so
 * the same rule decides who may read them (the group's class teacher or the administration).
 */
export function createClassDocumentsService({ uow, clock, reports, renderer }: ClassDocumentsDeps) {
  async function file(principal: Principal, groupId: number, range: { from: LocalDate; to: LocalDate }, kind: 'attendance' | 'results') {
    if (principal.kind !== 'user') throw new ForbiddenError('Class documents are for people');
    const params: ReportParams = { ...range, groupId };
    const base = await reports.report(
      principal,
      principal.schoolId,
      kind === 'attendance' ? 'attendance-summary' : 'grades-summary',
      params,
    );
    const doc: ReportDocument = {
      title: kind === 'attendance' ? 'Ведомость посещаемости класса' : 'Итоги успеваемости класса',
      schoolName: base.school.name,
      period: periodText(range.from, range.to),
      scope: `Класс: ${base.group?.name ?? ''}`,
      table:
        kind === 'attendance'
          ? attendanceTable(base.rows as ReportRows['attendance-summary'][])
          : resultsTable(base.rows as ReportRows['grades-summary'][]),
      signatures: SIGNATURES,
    };
    if (kind === 'results')
      doc.notes = resultsNotes((await reports.report(principal, principal.schoolId, 'class-results', params)).rows[0]);
    const name = [`class-${kind}`, base.group?.name ?? groupId, range.from, range.to].join('_').replace(/[\\/:*?"<>|\s]+/g, '-');
    const group = base.group ?? { id: groupId, name: String(groupId) };
    return { content: await renderer.pdf(doc), fileName: `${name}.pdf`, contentType: 'application/pdf', group } satisfies ClassDocument;
  }

  return {
    /** The study periods of the class's grade level in the current school year, and today's school-local date. */
    async periods(principal: Principal, groupId: number): Promise<{ today: LocalDate; periods: ClassPeriod[] }> {
      if (principal.kind !== 'user') throw new ForbiddenError('Class documents are for people');
      const school = await uow.repos.schools.findById(principal.schoolId);
      const group = (await uow.repos.roster.groupsOf(principal.schoolId)).find((g) => g.id === groupId);
      if (!school || !group) throw new NotFoundError('Group', groupId);
      if (group.classTeacherId !== principal.userId) throw new ForbiddenError('Only the class teacher of the group');
      const today = localDateOf(clock.now(), school.timezone);
      const periods = periodsOfClass(await uow.repos.studyPeriods.listAround(principal.schoolId, today), group.gradeLevel);
      return { today, periods: periods.map(({ id, kind, number, from, to }) => ({ id, kind, number, from, to })) };
    },
    attendance: (principal: Principal, groupId: number, range: { from: LocalDate; to: LocalDate }) =>
      file(principal, groupId, range, 'attendance'),
    results: (principal: Principal, groupId: number, range: { from: LocalDate; to: LocalDate }) =>
      file(principal, groupId, range, 'results'),
  };
}

export type ClassDocumentsService = ReturnType<typeof createClassDocumentsService>;

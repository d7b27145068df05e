import { pluralEn } from './format.js';
import type { Messages } from './ru.js';
import type { treportsRu } from './treports-ru.js';

export const treportsEn: Pick<Messages, keyof typeof treportsRu> = {
  'treports.title': '<b>Reports on my courses</b>\nChoose a class and subject, or the КТП report over all your courses:',
  'treports.none':
    'You have no courses of your own: teacher reports are built for the classes and subjects you teach. If this is a mistake, tell the school administrator.',
  'treports.planButton': '📚 КТП fulfilment',
  'treports.schoolButton': '📊 School reports',
  'treports.course': (p) =>
    `<b>${p.subject}, ${p.group}</b>\nWhich report? The document comes as a PDF file; «CSV» sends a table for Excel.`,
  'treports.sheetButton': '📄 Period grade sheet',
  'treports.attendanceButton': '🗓 Attendance for a month',
  'treports.toCourses': '‹ My courses',
  'treports.back': '‹ Back',
  'treports.pdf': '📄 PDF',
  'treports.csv': '📊 CSV',
  'treports.sheet': (p) =>
    `<b>Grade sheet: ${p.subject}, ${p.group}</b>\n${p.period}: ${p.from} – ${p.to}\nEach student's marks, the weighted average and the period grade. Another period: the buttons below.`,
  'treports.attendance': (p) => `<b>Attendance: ${p.subject}, ${p.group}</b>\n${p.month}: lessons, н, б, у, оп for each student.`,
  'treports.plan': (p) =>
    `<b>КТП fulfilment</b>\n${p.courses} ${pluralEn(p.courses, ['course', 'courses'])} as of ${p.date}: planned and КТП hours, lessons held, topics entered, lag.`,
  'treports.period': (p) =>
    p.kind === 'quarters'
      ? `Quarter ${p.n}`
      : p.kind === 'trimesters'
        ? `Trimester ${p.n}`
        : p.kind === 'halves'
          ? `Half ${p.n}`
          : 'School year',
  'treports.caption': (p) => `${p.title}\n${p.scope}, ${p.period}`,
  'treports.kind.course-sheet': 'Period grade sheet',
  'treports.kind.course-attendance': 'Attendance for a month',
  'treports.kind.teacher-plan': 'КТП fulfilment',
  'treports.allCourses': 'all my courses',
  'treports.notYours': 'This is not your course: reports cover only the classes and subjects you teach.',
  'treports.notFound': 'No such course or period. Open «Reports» again.',
  'treports.stale': 'This button is out of date. Open «Reports» again.',
};

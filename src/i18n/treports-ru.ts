import { pluralRu } from './format.js';

/** The subject teacher's «Отчёты»: their own courses, a course's reports, the КТП of all of them. */
export const treportsRu = {
  'treports.title': '<b>Отчёты по моим курсам</b>\nВыберите класс и предмет или отчёт о КТП по всем курсам:',
  'treports.none':
    'У вас нет своих курсов: отчёты учителя строятся по классам и предметам, которые вы ведёте. Если это ошибка, сообщите администратору школы.',
  'treports.planButton': '📚 Выполнение КТП',
  'treports.schoolButton': '📊 Отчёты школы',
  'treports.course': (p: { subject: string; group: string }) =>
    `<b>${p.subject}, ${p.group}</b>\nКакой отчёт подготовить? Документ придёт файлом PDF; кнопка «CSV» пришлёт таблицу для Excel.`,
  'treports.sheetButton': '📄 Ведомость за период',
  'treports.attendanceButton': '🗓 Посещаемость за месяц',
  'treports.toCourses': '‹ Мои курсы',
  'treports.back': '‹ Назад',
  'treports.pdf': '📄 PDF',
  'treports.csv': '📊 CSV',
  'treports.sheet': (p: { subject: string; group: string; period: string; from: string; to: string }) =>
    `<b>Ведомость: ${p.subject}, ${p.group}</b>\n${p.period}: ${p.from} – ${p.to}\nОтметки каждого ученика, средний взвешенный балл и отметка за период. Другой период — кнопками ниже.`,
  'treports.attendance': (p: { subject: string; group: string; month: string }) =>
    `<b>Посещаемость: ${p.subject}, ${p.group}</b>\n${p.month}: у каждого ученика — уроки, н, б, у, оп.`,
  'treports.plan': (p: { courses: number; date: string }) =>
    `<b>Выполнение КТП</b>\nПо ${p.courses} ${pluralRu(p.courses, ['курсу', 'курсам', 'курсам'])} на ${p.date}: часы по плану и по КТП, проведённые уроки, записанные темы, отставание.`,
  'treports.period': (p: { kind: string; n: number }) =>
    p.kind === 'quarters'
      ? `${p.n} четверть`
      : p.kind === 'trimesters'
        ? `${p.n} триместр`
        : p.kind === 'halves'
          ? `${p.n} полугодие`
          : 'Учебный год',
  'treports.caption': (p: { title: string; scope: string; period: string }) => `${p.title}\n${p.scope}, ${p.period}`,
  'treports.kind.course-sheet': 'Ведомость за период',
  'treports.kind.course-attendance': 'Посещаемость за месяц',
  'treports.kind.teacher-plan': 'Выполнение КТП',
  'treports.allCourses': 'все мои курсы',
  'treports.notYours': 'Это не ваш курс: отчёты доступны только по классам и предметам, которые вы ведёте.',
  'treports.notFound': 'Не нашёл такой курс или период. Откройте «Отчёты» заново.',
  'treports.stale': 'Кнопка устарела. Откройте «Отчёты» заново.',
};

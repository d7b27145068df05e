import type { Services } from '../services.js';
import type { Clock } from '../domain/shared/clock.js';
import { addLocalDays, isoWeekday, localDateOf } from '../domain/shared/dates.js';

export interface DemoAccount {
  role: 'teacher' | 'parent' | 'deputy_director';
  name: string;
  code: string;
  /** The chat id the README's demo commands use for this person. */
  chatId: number;
}

const SYSTEM = { kind: 'system' } as const;
const TOPICS = [
  'Натуральные числа и шкалы',
  'Сложение и вычитание натуральных чисел',
  'Умножение и деление',
  'Упрощение выражений',
  'Порядок выполнения действий',
  'Степень числа',
  'Площади и объёмы',
  'Обыкновенные дроби',
  'Сравнение дробей',
  'Смешанные числа',
];

/**
 * A small school to try the bot with no Telegram token: one class, two subjects, lessons
 * every day from two weeks ago to four weeks ahead, a КТП, a teacher, a deputy and two
 * parents with fresh access codes. Only seeded into an empty database.
 */
export async function seedDemoSchool(services: Services, clock: Clock): Promise<DemoAccount[] | null> {
  if ((await services.schools.count(SYSTEM)) > 0) return null;
  const { school } = await services.schools.create(SYSTEM, { name: 'Демо-школа №1', timezone: 'Europe/Moscow' });
  const api = { kind: 'api', schoolId: school.id } as const;
  // Every day is a school day in the demo, so "today" always has lessons to fill.
  await services.schools.updatePolicy(api, school.id, { workingDays: [1, 2, 3, 4, 5, 6, 7], fillDeadline: '23:59' });
  await services.roster.importRoster(api, {
    groups: [{ externalId: '5А', name: '5А', classTeacherExternalId: 't1' }],
    staff: [
      { externalId: 't1', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна', roles: ['teacher', 'class_teacher'] },
      { externalId: 't2', lastName: 'Петров', firstName: 'Олег', middleName: 'Ильич', roles: ['teacher'] },
      { externalId: 'd1', lastName: 'Сидорова', firstName: 'Анна', middleName: 'Викторовна', roles: ['deputy_director'] },
    ],
    students: ['Алексеев Артём', 'Борисова Вера', 'Васильев Глеб', 'Григорьева Дарья', 'Дмитриев Егор', 'Ершова Жанна'].map((n, i) => {
      const [lastName, firstName] = n.split(' ') as [string, string];
      return { externalId: `s${i + 1}`, lastName, firstName, groupExternalId: '5А' };
    }),
    parents: [
      { externalId: 'p1', lastName: 'Алексеева', firstName: 'Ольга', childrenExternalIds: ['s1'] },
      { externalId: 'p2', lastName: 'Борисов', firstName: 'Игорь', childrenExternalIds: ['s2'] },
    ],
  });
  await services.schedule.upsertCourses(api, [
    { externalId: '5А-math', groupExternalId: '5А', subject: 'Математика', teacherExternalId: 't1', plannedHours: 170 },
    { externalId: '5А-rus', groupExternalId: '5А', subject: 'Русский язык', teacherExternalId: 't2', plannedHours: 170 },
  ]);
  const today = localDateOf(clock.now(), school.timezone);
  const from = addLocalDays(today, -14);
  await services.schedule.generateFromTemplate(api, {
    from,
    to: addLocalDays(today, 28),
    bells: [
      { period: 1, start: '08:30', end: '09:15' },
      { period: 2, start: '09:25', end: '10:10' },
      { period: 3, start: '10:30', end: '11:15' },
    ],
    template: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
      { weekday, period: 1, courseExternalId: '5А-math' },
      { weekday, period: 2, courseExternalId: '5А-rus' },
      { weekday, period: 3, courseExternalId: weekday === isoWeekday(today) ? '5А-math' : '5А-rus' },
    ]),
  });
  await services.schedule.importPlan(
    api,
    { courseExternalId: '5А-math' },
    TOPICS.map((topic) => ({ topic })),
  );

  const people = await services.access.listUsers(api, school.id);
  const wanted: [string, DemoAccount['role'], number][] = [
    ['Иванова', 'teacher', 1001],
    ['Сидорова', 'deputy_director', 1003],
    ['Алексеева', 'parent', 2001],
    ['Борисов', 'parent', 2002],
  ];
  const accounts: DemoAccount[] = [];
  for (const [lastName, role, chatId] of wanted) {
    const user = people.find((u) => u.lastName === lastName);
    if (!user) continue;
    const issued = await services.access.issueForUser(api, school.id, user.id);
    accounts.push({ role, name: issued.name, code: issued.code, chatId });
  }
  return accounts;
}

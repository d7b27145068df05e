import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { addLocalDays, isLocalDate, isoWeekday, localDateOf, type LocalDate } from '../shared/dates.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { asParent, asReader, assertConsent, assertReader } from './guards.js';
import type { Child, ChildDay, ChildView } from './types.js';

export function createChildViews({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  const repos = uow.repos;

  async function schoolOf(schoolId: number) {
    const school = await repos.schools.findById(schoolId);
    if (!school) throw new NotFoundError('School', schoolId);
    return school;
  }

  async function view(principal: Principal, studentId: number, from: LocalDate, to: LocalDate, timezone: string): Promise<ChildView> {
    const { student } = await assertReader(repos, principal, studentId, localDateOf(clock.now(), timezone));
    const [lessons, grades] = await Promise.all([
      repos.family.lessonsOfStudent(studentId, from, to),
      repos.family.gradesOfStudent(studentId, from, to),
    ]);
    const days = new Map<LocalDate, ChildDay>();
    const dayOf = (date: LocalDate) => days.get(date) ?? days.set(date, { date, lessons: [], otherGrades: [] }).get(date)!;
    for (const l of lessons) dayOf(l.date).lessons.push({ ...l, grades: grades.filter((g) => g.lessonId === l.lessonId) });
    const lessonIds = new Set(lessons.map((l) => l.lessonId));
    for (const g of grades) if (g.lessonId === null || !lessonIds.has(g.lessonId)) dayOf(g.date).otherGrades.push(g);
    return {
      student: { id: student.id, lastName: student.lastName, firstName: student.firstName },
      timezone,
      from,
      to,
      days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }

  function dateOrToday(date: LocalDate | undefined, timezone: string): LocalDate {
    if (date === undefined) return localDateOf(clock.now(), timezone);
    if (!isLocalDate(date)) throw new ValidationError('Bad date', [{ path: 'date', message: 'must be YYYY-MM-DD' }]);
    return date;
  }

  return {
    /** The parent's children (with consent only), with their groups today. */
    async children(principal: Principal): Promise<Child[]> {
      const parent = asParent(principal);
      await assertConsent(repos, parent.userId);
      const school = await schoolOf(parent.schoolId);
      const list = await repos.family.childrenOf(parent.userId, localDateOf(clock.now(), school.timezone));
      return list.map((c) => ({ ...c, schoolName: school.name, timezone: school.timezone }));
    },

    /** Whether some child of the parent has left the school: "no children any more" rather than "none linked yet". */
    async hasFormerChildren(principal: Principal): Promise<boolean> {
      return repos.family.hasFormerChildren(asParent(principal).userId);
    },

    /** One day of a child (today in the school's timezone by default): lessons, marks, grades, topics, homework. */
    async childDay(principal: Principal, studentId: number, date?: LocalDate): Promise<ChildView> {
      const school = await schoolOf(asReader(principal).schoolId);
      const day = dateOrToday(date, school.timezone);
      return view(principal, studentId, day, day, school.timezone);
    },

    /** The next day of the school's calendar (tomorrow in the school's timezone), as childDay shows a day. */
    async childTomorrow(principal: Principal, studentId: number): Promise<ChildView> {
      const school = await schoolOf(asReader(principal).schoolId);
      const day = addLocalDays(localDateOf(clock.now(), school.timezone), 1);
      return view(principal, studentId, day, day, school.timezone);
    },

    /** The school week (Monday to Sunday) that contains `date`. */
    async childWeek(principal: Principal, studentId: number, date?: LocalDate): Promise<ChildView> {
      const school = await schoolOf(asReader(principal).schoolId);
      const day = dateOrToday(date, school.timezone);
      const monday = addLocalDays(day, 1 - isoWeekday(day));
      return view(principal, studentId, monday, addLocalDays(monday, 6), school.timezone);
    },
  };
}

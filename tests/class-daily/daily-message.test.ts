import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { attendance, grades, lessons } from '../../src/db/schema/index.js';
import { manualClock } from '../helpers/app.js';
import { buttonsOf, complianceHarness, complianceSchool, principalOf, type Harness } from '../compliance/fixture.js';

const at = (local: string) => `${local.replace(' ', 'T')}:00+03:00`;

describe("the class teacher's daily message (Europe/Moscow, 15:30, 3 days in a row)", () => {
  let h: Harness;
  afterEach(() => h?.close());

  async function school() {
    const clock = manualClock(at('2026-11-23 08:00'));
    h = await complianceHarness(clock);
    const s = await complianceSchool(h);
    const db = h.app.db.db;
    const lead = await s.staff(['teacher'], 'Классная', 'Елена', 'Ивановна');
    const calmLead = await s.staff(['teacher'], 'Спокойная', 'Нина', 'Ивановна');
    const maths = await s.staff(['teacher'], 'Иванова', 'Мария', 'Петровна');
    const group = await s.seed.group('7Б', lead.id);
    const calm = await s.seed.group('7А', calmLead.id);
    const st = {
      petrov: await s.seed.student(group.id, { lastName: 'Петров', firstName: 'Пётр' }),
      sidorova: await s.seed.student(group.id, { lastName: 'Сидорова', firstName: 'Анна' }),
      kozlov: await s.seed.student(group.id, { lastName: 'Козлов', firstName: 'Илья' }),
      orlov: await s.seed.student(group.id, { lastName: 'Орлов', firstName: 'Олег' }),
      ivanov: await s.seed.student(group.id, { lastName: 'Иванов', firstName: 'Иван' }),
      calmOne: await s.seed.student(calm.id, { lastName: 'Тихий', firstName: 'Тимур' }),
    };
    const algebra = await s.seed.course(group.id, maths.id, 'Алгебра');
    const history = await s.seed.course(group.id, maths.id, 'История');
    const calmCourse = await s.seed.course(calm.id, maths.id, 'Алгебра');
    /** A day of the class: lessons with attendance taken, everyone present unless `absent` says otherwise. */
    async function day(
      date: string,
      courses: (typeof algebra)[],
      absent: (lesson: number) => Record<number, Partial<typeof attendance.$inferInsert>>,
    ) {
      const ids: number[] = [];
      for (const [i, course] of courses.entries()) {
        const lesson = await s.seed.lesson(course, date, `${String(9 + i).padStart(2, '0')}:00`);
        await db
          .update(lessons)
          .set({ attendanceFilledAt: lesson.endsAt, topic: 'Тема', topicFilledAt: lesson.endsAt })
          .where(eq(lessons.id, lesson.id));
        const marks = absent(i);
        const roster = course.groupId === calm.id ? [st.calmOne] : [st.petrov, st.sidorova, st.kozlov, st.orlov, st.ivanov];
        await db
          .insert(attendance)
          .values(roster.map((x) => ({ lessonId: lesson.id, studentId: x.id, status: 'present', ...marks[x.id] })));
        ids.push(lesson.id);
      }
      return ids;
    }
    return { s, db, clock, lead, calmLead, maths, group, calm, st, algebra, history, calmCourse, day };
  }

  it('lists the all-day unexplained absence, the 3-day streak, the new 2 and the flag once, and nothing to a class teacher with nothing to say', async () => {
    const x = await school();
    const { st } = x;
    const away = { status: 'absent' as const };
    // Thursday and Friday, then Monday: Saturday had no lessons, so it is not a school day of the class.
    await x.day('2026-11-19', [x.algebra, x.history], () => ({ [st.petrov.id]: { status: 'sick' } }));
    await x.day('2026-11-20', [x.algebra], () => ({ [st.petrov.id]: away }));
    const today = await x.day('2026-11-23', [x.algebra, x.history], (i) => ({
      [st.petrov.id]: { status: 'excused', reason: 'справка' },
      [st.sidorova.id]: away,
      // Absent from the first lesson only: not an all-day absence.
      ...(i === 0 ? { [st.ivanov.id]: away } : {}),
      // Explained by the parent: not listed.
      [st.orlov.id]: { status: 'absent', parentExplanation: 'sick' },
    }));
    await x.day('2026-11-23', [x.calmCourse], () => ({}));
    await x.db.insert(grades).values([
      {
        schoolId: x.s.school.id,
        courseId: x.algebra.id,
        studentId: st.kozlov.id,
        kind: 'current',
        value: '2',
        date: '2026-11-23',
        createdAt: new Date(at('2026-11-23 10:00')),
        updatedAt: new Date(at('2026-11-23 10:00')),
      },
      {
        schoolId: x.s.school.id,
        courseId: x.algebra.id,
        studentId: st.ivanov.id,
        kind: 'current',
        value: '3',
        date: '2026-11-23',
        createdAt: new Date(at('2026-11-23 10:00')),
        updatedAt: new Date(at('2026-11-23 10:00')),
      },
      // Older than the window (the day before the previous digest time): not new.
      {
        schoolId: x.s.school.id,
        courseId: x.history.id,
        studentId: st.kozlov.id,
        kind: 'current',
        value: '2',
        date: '2026-11-20',
        createdAt: new Date(at('2026-11-20 10:00')),
        updatedAt: new Date(at('2026-11-20 10:00')),
      },
    ]);
    x.clock.set(at('2026-11-23 12:00'));
    await h.app.services.classFlags.flag(principalOf(x.maths), today[0]!, st.orlov.id, 'unprepared');

    x.clock.set(at('2026-11-23 15:29'));
    expect((await h.scan()).classDailies).toBe(0);
    x.clock.set(at('2026-11-23 15:30'));
    expect((await h.scan()).classDailies).toBe(1);
    expect((await h.scan()).classDailies).toBe(0);
    const sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(x.lead.id)]);
    const text = sent[0]!.text;
    expect(text).toContain('Мой класс: что требует внимания, 23 ноября');
    expect(text).toContain('<b>7Б</b>');
    expect(text).toContain('Весь день без объяснения причин (1 ученик):\n• Сидорова Анна — пропущено 2 урока');
    expect(text).toContain('Не были в школе 3 учебных дня подряд (1 ученик):\n• Петров Пётр');
    expect(text).toContain('Новые неудовлетворительные оценки (1):\n• Козлов Илья — Алгебра: 2');
    expect(text).toContain('Сообщения учителей (1):\n• Орлов Олег — не готов к урокам (Алгебра, Иванова Мария Петровна)');
    expect(text).not.toContain('Иванов Иван');
    expect(text).not.toContain('История: 2');
    expect(buttonsOf(sent[0]!)).toEqual([`cl:${x.group.id}`]);
    expect(await h.send()).toEqual([]);

    // The next school day: no lessons, no new marks or flags — nothing to say, nothing sent.
    x.clock.set(at('2026-11-24 15:31'));
    expect((await h.scan()).classDailies).toBe(0);
    expect(await h.send()).toEqual([]);
  });

  it('messages a class whose only line is a streak of explained absences, and not one whose absentee came to one lesson', async () => {
    const x = await school();
    const { st } = x;
    const sick = { status: 'sick' as const };
    await x.day('2026-11-19', [x.algebra], () => ({ [st.petrov.id]: sick }));
    await x.day('2026-11-20', [x.algebra, x.history], () => ({ [st.petrov.id]: sick }));
    await x.day('2026-11-23', [x.algebra, x.history], () => ({ [st.petrov.id]: { status: 'excused', reason: 'справка' } }));
    // The calm class's only student misses one of two lessons today: no line, no message.
    await x.day('2026-11-23', [x.calmCourse, x.calmCourse], (i) => (i === 0 ? { [st.calmOne.id]: { status: 'absent' } } : {}));
    x.clock.set(at('2026-11-23 15:31'));
    expect((await h.scan()).classDailies).toBe(1);
    const sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(x.lead.id)]);
    expect(sent[0]!.text).toContain('Не были в школе 3 учебных дня подряд (1 ученик):\n• Петров Пётр');
    expect(sent[0]!.text).not.toContain('Весь день без объяснения причин');
  });

  it('drops an absence the parent explained between the scan and the send', async () => {
    const x = await school();
    const [lesson] = await x.day('2026-11-23', [x.algebra], () => ({ [x.st.sidorova.id]: { status: 'absent' } }));
    x.clock.set(at('2026-11-23 15:31'));
    expect((await h.scan()).classDailies).toBe(1);
    await x.db.update(attendance).set({ parentExplanation: 'excused' }).where(eq(attendance.lessonId, lesson!));
    expect(await h.send()).toEqual([]);
    expect((await h.app.services.uow.repos.notifications.due(x.clock.now(), 10)).length).toBe(0);
  });

  it('refuses a flag for a student outside the lesson, and a flag on another teacher’s lesson, writing nothing', async () => {
    const x = await school();
    const [lesson] = await x.day('2026-11-23', [x.algebra], () => ({}));
    await expect(h.app.services.classFlags.flag(principalOf(x.maths), lesson!, x.st.calmOne.id, 'behaviour')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(h.app.services.classFlags.flag(principalOf(x.calmLead), lesson!, x.st.petrov.id, 'behaviour')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      h.app.services.classFlags.flag(principalOf(x.maths), lesson!, x.st.petrov.id, 'nonsense' as 'behaviour'),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    x.clock.set(at('2026-11-23 15:31'));
    expect((await h.scan()).classDailies).toBe(0);
  });
});

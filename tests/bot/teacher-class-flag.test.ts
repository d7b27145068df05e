import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { teacherFeatures, teacherStatelessFeatures } from '../../src/bot/features/teacher/index.js';
import { classFlags } from '../../src/db/schema/index.js';
import { auditCount } from '../journal/fixture.js';
import {
  emulatorSuite,
  linkTelegram,
  type recordAnswers,
  teacherChat,
  teacherSchool,
  testClock,
  TODAY,
  type Harness,
} from './teacher-fixture.js';

describe('teacher bot: «🚩 Классному руководителю» from the lesson card (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(
    clock,
    (a, c) => ({
      features: teacherFeatures({ journal: a.services.journal, schools: a.services.schools, clock: c, classFlags: a.services.classFlags }),
      stateless: teacherStatelessFeatures(),
    }),
    (s) => ({ app, harness, answers } = s),
  );

  async function setup() {
    const s = await teacherSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chat = teacherChat(harness, harness.chat(await linkTelegram(app, s.teacher.id)), answers);
    const msg = await chat.ask('/help');
    await chat.tap(`l1:${lesson.id}`, msg.message_id);
    const card = await chat.reply();
    const flags = async () => (await app.db.db.select().from(classFlags)).filter((f) => f.lessonId === lesson.id);
    return { ...s, lesson, chat, card, flags };
  }

  it('flags a student of the lesson in two taps after opening, audited, and back on the card', async () => {
    const s = await setup();
    const open = await s.chat.tap(s.chat.button(s.card, 'Классному руководителю'), s.card.message_id);
    expect(open.message.text).toContain('О ком сообщить классному руководителю?');
    expect(open.message.inline.flat().map((b) => b.text)).toEqual(['Абрамова А.', 'Ёлкин Е.', 'Иванов И.', '← К уроку']);
    const student = await s.chat.tap(s.chat.button(open.message, 'Иванов'), s.card.message_id);
    expect(student.message.inline.flat().map((b) => b.text)).toEqual([
      'не готов к урокам',
      'систематически опаздывает',
      'пропуски без причины',
      'неудовлетворительные оценки',
      'поведение',
      '← К уроку',
    ]);
    const saved = await s.chat.tap(s.chat.button(student.message, 'поведение'), s.card.message_id);
    expect(saved.message.text).toContain('Иванов Иван — поведение');
    expect(saved.message.text).toContain('Математика');
    const rows = await s.flags();
    expect(rows).toMatchObject([
      { studentId: s.students.ivanov.id, teacherId: s.teacher.id, reason: 'behaviour', deliveredOn: null, schoolId: s.school.id },
    ]);
    expect(await auditCount(app, s.school.id, 'class_flag')).toBe(1);
  });

  it('refuses a forged student id and another teacher’s lesson, writing nothing', async () => {
    const s = await setup();
    const stranger = await s.seed.student(null, { lastName: 'Чужой', firstName: 'Антон' });
    const forged = await s.chat.tap(`fl1:${s.lesson.id}:${stranger.id}:b`, s.card.message_id);
    expect(forged).toMatchObject({ alert: true, answer: 'Этого ученика нет в списке урока — сообщение не сохранено.' });
    const forgedPicker = await s.chat.tap(`fl1:${s.lesson.id}:${stranger.id}`, s.card.message_id);
    expect(forgedPicker.alert).toBe(true);

    const other = await s.seed.course(s.group.id, s.colleague.id, 'История');
    const otherLesson = await s.seed.lesson(other, TODAY, '11:00');
    const foreign = await s.chat.tap(`fl1:${otherLesson.id}:${s.students.ivanov.id}:u`, s.card.message_id);
    expect(foreign.alert).toBe(true);
    expect(foreign.answer).toBe('Это не ваш урок.');
    expect(await s.flags()).toEqual([]);
    expect((await app.db.db.select().from(classFlags)).filter((f) => f.lessonId === otherLesson.id)).toEqual([]);
    expect(await auditCount(app, s.school.id, 'class_flag')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { classTeacherFeature } from '../../src/bot/features/class-teacher/index.js';
import { classSchool, mathMarks, parentAnswers } from '../class-journal/fixture.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { emulatorSuite, linkTelegram, teacherChat, testClock, type Harness, type recordAnswers } from './teacher-fixture.js';

describe('«Мой класс»: the class teacher’s class journal (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(
    clock,
    (a) => ({ features: [classTeacherFeature({ family: a.services.family, classJournal: a.services.classJournal })] }),
    (s) => ({ app, harness, answers } = s),
  );
  const chatOf = async (userId: number) => teacherChat(harness, harness.chat(await linkTelegram(app, userId)), answers);

  it('opens the class menu and shows today: the unexplained absences first, with the parent’s answer', async () => {
    const s = await classSchool(app);
    await parentAnswers(app, s, s.students.ivanov.id, '2026-10-14');
    const chat = await chatOf(s.classTeacher.id);
    const menu = await chat.ask('Мой класс');
    expect(menu.text).toBe('<b>5А</b> — классный журнал. Что показать?');
    expect(menu.inline.map((row) => row.map((b) => b.text))).toEqual([
      ['Сегодня', 'Неделя', 'Месяц'],
      ['Оценки', 'Группа риска'],
      ['Родители', '🖨 Документы'],
    ]);
    const today = await chat.tap(chat.button(menu, 'Сегодня'), menu.message_id);
    expect(today.message.text.split('\n')).toEqual([
      '<b>5А</b> — среда, 14 октября',
      '',
      '<b>Без уважительной причины (н):</b>',
      '• <b>Ёлкин Егор</b> — Математика · родитель не ответил',
      '• <b>Иванов Иван</b> — Математика, Физика · родитель: болеет',
      '',
      '<b>Уроки:</b>',
      'Математика — н: Ёлкин Егор, Иванов Иван',
      'Физика — н: Иванов Иван',
      'ИЗО — <i>посещаемость не заполнена</i>',
      'Физика — отменён',
      '',
      '<i>н — без причины, б — болезнь, у — уважительная, оп — опоздание.</i>',
    ]);
    expect(today.message.inline.map((row) => row.map((b) => b.text))).toEqual([
      ['‹ 13.10', '15.10 ›'],
      ['Неделя', '← Меню класса'],
    ]);
    const monday = await chat.tap(`cj:d:${s.group.id}:20261012`, menu.message_id);
    expect(monday.message.text).toContain('• <b>Иванов Иван</b> — весь день · родитель не ответил');
    expect(monday.message.text).toContain('Физика — н: Иванов Иван; оп: Ёлкин Егор');
  });

  it('counts the week per student and in total, and moves to the month', async () => {
    const s = await classSchool(app);
    await parentAnswers(app, s, s.students.abramova.id, '2026-10-13');
    const chat = await chatOf(s.classTeacher.id);
    const menu = await chat.ask('/class');
    const week = await chat.tap(chat.button(menu, 'Неделя'), menu.message_id);
    expect(week.message.text.split('\n').slice(0, 7)).toEqual([
      '<b>5А</b> — неделя 12 октября–18 октября',
      '',
      '• <b>Абрамова Анна</b>: без причины 1 урок (родитель объяснил 1) · уважительно 1 урок',
      '• <b>Ёлкин Егор</b>: без причины 2 урока · опозданий 1',
      '• <b>Иванов Иван</b>: без причины 4 урока · уважительно 1 урок · целиком: без причины 1 день',
      '',
      '<b>Итого</b> (3 ученика, без пропусков и опозданий: 0): без причины 7 уроков (родитель объяснил 1) · уважительно 2 урока · опозданий 1 · целиком: без причины 1 день',
    ]);
    const next = await chat.tap(chat.button(week.message, '19.10 ›'), menu.message_id);
    expect(next.message.text).toContain('• <b>Иванов Иван</b>: без причины 1 урок');
    const month = await chat.tap(chat.button(next.message, 'Месяц'), menu.message_id);
    expect(month.message.text.split('\n')[0]).toBe('<b>5А</b> — октябрь 2026 г.');
    expect(month.message.inline[0]!.map((b) => b.text)).toEqual(['‹ 09.2026', '11.2026 ›']);
  });

  it('shows the grades per subject, the ведомость of one subject and the risk list', async () => {
    const s = await classSchool(app);
    await mathMarks(app, s);
    const chat = await chatOf(s.classTeacher.id);
    const menu = await chat.ask('Мой класс');
    const grades = await chat.tap(chat.button(menu, 'Оценки'), menu.message_id);
    expect(grades.message.text).toContain('• <b>Математика</b> — средний 3,30 · с оценками 3 из 3 · ниже 2,5: 1');
    const sheet = await chat.tap(chat.button(grades.message, 'Математика'), menu.message_id);
    expect(sheet.message.text.split('\n').slice(2)).toEqual([
      '1. Абрамова Анна — 2 3 2 · <b>2,33</b>',
      '2. Ёлкин Егор — 4 2 5 2 · <b>3,25</b>',
      '3. Иванов Иван — 5 4 4 · <b>4,33</b>',
      '',
      'Средний балл класса: <b>3,30</b>',
    ]);
    const risk = await chat.tap(`cj:r:${s.group.id}`, menu.message_id);
    expect(risk.message.text.split('\n').slice(2, 4)).toEqual([
      '• <b>Абрамова Анна</b> — Математика: средний 2,33 — выходит «2»; 2 двойки из 3 последних оценок',
      '• <b>Ёлкин Егор</b> — Математика: 2 двойки из 3 последних оценок',
    ]);
    const parents = await chat.tap(chat.button(risk.message, '← Меню класса'), menu.message_id);
    const list = await chat.tap(chat.button(parents.message, 'Родители'), menu.message_id);
    expect(list.message.text).toContain('<b>5А</b>: 3 ученика');
  });

  it('refuses a forged class or subject clearly and shows nothing of it', async () => {
    const s = await classSchool(app);
    const chat = await chatOf(s.classTeacher.id);
    const menu = await chat.ask('Мой класс');
    for (const data of [`cj:d:${s.other.id}`, `cj:r:${s.other.id}`, `cj:p:${s.other.id}`, `cj:m:${s.other.id}`])
      expect(await chat.tap(data, menu.message_id)).toMatchObject({
        answer: 'Этот класс вам недоступен: вы не его классный руководитель.',
        alert: true,
        message: { text: menu.text },
      });
    const far = await createSchool(app);
    const farGroup = await seeder(app, far.school.id).group('9В');
    for (const data of [
      `cj:g:${farGroup.id}`,
      `cj:s:${s.group.id}:999999`,
      'cj:d:1:2026',
      'cj:d:99999999999',
      `cj:d:${s.group.id}:20261340`,
    ])
      expect(await chat.tap(data, menu.message_id)).toMatchObject({
        answer: 'Не нашёл этот класс или предмет. Откройте «Мой класс» заново.',
        alert: true,
        message: { text: menu.text },
      });
    expect(await chat.silence(200)).toBe(true);
  });

  it('tells a class teacher of no class so, and a teacher pressing a class button is refused', async () => {
    const s = await classSchool(app);
    const lonely = await s.seed.user(['teacher', 'class_teacher'], { lastName: 'Без класса' });
    const chat = await chatOf(lonely.id);
    const reply = await chat.ask('Мой класс');
    expect(reply.text).toBe('Вы не классный руководитель ни одного класса.');
    expect(await chat.tap(`cj:d:${s.group.id}`, reply.message_id)).toMatchObject({
      answer: 'Этот класс вам недоступен: вы не его классный руководитель.',
      alert: true,
    });
    const teacher = await chatOf(s.teacher.id);
    const mine = await teacher.ask('/class');
    expect(await teacher.tap(`cj:w:${s.group.id}`, mine.message_id)).toMatchObject({ alert: true });
  });
});

import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { classDocsOptions, classSchool, invitesOf } from './class-docs-fixture.js';
import { emulatorSuite, linkTelegram, type recordAnswers, teacherChat, testClock, type Harness } from './teacher-fixture.js';

describe('class teacher «Документы»: screens through the emulator', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;
  emulatorSuite(clock, classDocsOptions, (s) => ({ app, harness, answers } = s));
  const chatOf = async (userId: number) => teacherChat(harness, harness.chat(await linkTelegram(app, userId)), answers);

  it('opens the menu, lists the unlinked parents and asks before revoking an issued code', async () => {
    const s = await classSchool(app);
    const chat = await chatOf(s.classTeacher.id);
    const menu = await chat.ask('/classdocs');
    expect(menu.text).toBe(
      '<b>Документы класса 5А</b>\nКоды доступа для родителей и учеников (PDF с QR-кодами для печати) и отчёты класса в PDF.',
    );
    expect(menu.inline.flat().map((b) => `${b.text}=${b.data}`)).toEqual([
      `🔑 Коды для неподключённых родителей=cd:${s.group.id}:a`,
      `👤 Код для одного родителя=cd:${s.group.id}:l`,
      `🎒 Коды для неподключённых учеников=cd:${s.group.id}:s`,
      `📅 Посещаемость=cd:${s.group.id}:d:a`,
      `📊 Итоги успеваемости=cd:${s.group.id}:d:r`,
    ]);

    const people = await chat.tap(`cd:${s.group.id}:l`, menu.message_id);
    expect(people.message.inline.flat().map((b) => `${b.text}=${b.data}`)).toEqual([
      `🔁 Абрамов Пётр (Абрамова Анна)=cd:${s.group.id}:u:${s.parents.abramov.id}`,
      `Кузнецова Елена (Иванов Иван)=cd:${s.group.id}:u:${s.parents.kuznetsova.id}`,
      `‹ Назад=cd:${s.group.id}:b`,
    ]);

    const all = await chat.tap(`cd:${s.group.id}:a`, menu.message_id);
    expect(all.message.text).toBe(
      'Будет выдано 2 кода. У 1 из этих родителей уже есть выданный, но не использованный код — он перестанет действовать. Выдать новые коды?',
    );
    expect(all.message.inline.flat().map((b) => b.data)).toEqual([`cd:${s.group.id}:A`, `cd:${s.group.id}:b`]);
    const one = await chat.tap(`cd:${s.group.id}:u:${s.parents.abramov.id}`, menu.message_id);
    expect(one.message.text).toBe(
      'У родителя Абрамов Пётр уже есть выданный, но не использованный код. Новый код отменит прежний. Выдать?',
    );
    const back = await chat.tap(`cd:${s.group.id}:b`, menu.message_id);
    expect(back.message.text).toBe(menu.text);
    // Only looking and cancelling: the API's code is still the only one, and still valid.
    expect((await invitesOf(app, [s.parents.abramov.id, s.parents.kuznetsova.id])).map((i) => i.revokedAt)).toEqual([null]);

    const ranges = await chat.tap(`cd:${s.group.id}:d:a`, menu.message_id);
    expect(ranges.message.inline.flat().map((b) => b.text)).toEqual(['Этот месяц', 'Прошлый месяц', 'Учебный год', '‹ Назад']);
  });

  it('refuses forged classes and people, and staff who are no class teacher', async () => {
    const s = await classSchool(app);
    const foreign = await seeder(app, (await createSchool(app)).school.id).group('9В');
    const chat = await chatOf(s.classTeacher.id);
    const menu = await chat.ask('/classdocs');
    const cases: [string, string][] = [
      [`cd:${s.other.id}:a`, 'Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.'],
      [`cd:${s.other.id}:l`, 'Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.'],
      [`cd:${s.other.id}:d:r`, 'Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.'],
      [`cd:${foreign.id}:a`, 'Не нашёл то, что вы ищете. Возможно, данные изменились — откройте меню заново.'],
      [`cd:${s.group.id}:u:${s.parents.stranger.id}`, 'Кнопка устарела. Откройте раздел заново.'],
      [`cd:${s.group.id}:u:${s.parents.yolkina.id}`, 'Кнопка устарела. Откройте раздел заново.'],
      [`cd:${s.group.id}:x`, 'Кнопка устарела. Откройте раздел заново.'],
      [`cd:${s.group.id}:f:a:p`, 'Кнопка устарела. Откройте раздел заново.'],
      ['cd:99999999999:a', 'Кнопка устарела. Откройте раздел заново.'],
    ];
    for (const [data, text] of cases) {
      const r = await chat.tap(data, menu.message_id);
      expect(r, data).toMatchObject({ answer: text, alert: true });
      expect(r.message.text).toBe(menu.text);
    }
    expect(await invitesOf(app, [s.parents.stranger.id, s.parents.kuznetsova.id, s.parents.yolkina.id])).toEqual([]);

    const teacher = await chatOf(s.teacher.id);
    expect((await teacher.ask('/classdocs')).text).toBe('Вы не указаны классным руководителем ни одного класса.');
    // The role without a class (the roster has not named one yet) gets the same answer.
    const noClass = await chatOf((await s.seed.user(['teacher', 'class_teacher'], { lastName: 'Безклассная' })).id);
    expect((await noClass.ask('/classdocs')).text).toBe('Вы не указаны классным руководителем ни одного класса.');
    const r = await teacher.tap(`cd:${s.group.id}:A`, menu.message_id);
    expect(r).toMatchObject({ answer: 'Вы не указаны классным руководителем ни одного класса.', alert: true });
  });
});

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { notifications } from '../../src/db/schema/index.js';
import {
  deputyHarnessOptions,
  deputySchool,
  linkTelegram,
  type recordAnswers,
  teacherChat,
  testClock,
  type Harness,
} from './deputy-fixture.js';
import { emulatorSuite } from './teacher-fixture.js';

describe('head of department bot: «Контроль» and «Напомнить» for their teachers only (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, deputyHarnessOptions, (s) => ({ app, harness, answers } = s));

  const chatOf = async (userId: number) => teacherChat(harness, harness.chat(await linkTelegram(app, userId)), answers);
  const reminders = (teacherId: number) =>
    app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, teacherId), eq(notifications.kind, 'reminder')));

  /** The deputy's school with a head whose department is the physics subject (Кузнецов) and nobody else. */
  async function headSchool() {
    const s = await deputySchool(app);
    const head = await s.seed.user(['head_of_department'], { lastName: 'Орлова' });
    await s.seed.lesson(s.physics, '2026-10-13', '12:00');
    await app.services.departments.load({ kind: 'system' }, s.school.id, {
      departments: [{ name: 'Естественные науки', headId: head.id, subjectIds: [s.physics.subjectId] }],
    });
    const [department] = await app.services.departments.headedBy(s.school.id, head.id);
    return { ...s, head, department: department! };
  }

  it('shows the week of the department only, without reports, and reminds a member', async () => {
    const s = await headSchool();
    const chat = await chatOf(s.head.id);
    expect((await chat.ask('/menu')).keyboard.flat()).toEqual(['Контроль']);

    const day = await chat.ask('Контроль');
    expect(day.inline.map((row) => row.map((b) => b.data))).toEqual([['cp1:d:0', 'cp1:w:0', 'cp1:m:0'], [`dm1:${s.department.id}`]]);
    expect(day.inline[1]![0]!.text).toBe('📄 Отчёт за месяц');
    const week = await chat.tap('cp1:w:0', day.message_id);
    expect(week.message.text.split('\n').slice(2)).toEqual([
      'Всего 3 урока: ✅ 2 · ⏰ 0 · ❌ 1 · 🕒 0. Вовремя 67%',
      '✅ вовремя · ⏰ с опозданием · ❌ не заполнено · 🕒 срок не наступил',
      '',
      '1. <b>Кузнецов М.</b> — вовремя 67%',
      '      3 урока: ✅ 2 · ⏰ 0 · ❌ 1',
    ]);

    expect(await chat.tap(`nudge:${s.colleague.id}:20261013`, day.message_id)).toMatchObject({ answer: 'Напоминание отправлено' });
    expect(await reminders(s.colleague.id)).toHaveLength(1);
  });

  it('refuses a forged «Напомнить» for a teacher outside the department and writes nothing', async () => {
    const s = await headSchool();
    const chat = await chatOf(s.head.id);
    const { message_id } = await chat.ask('/menu');
    const refused = await chat.tap(`nudge:${s.teacher.id}:20261013`, message_id);
    expect(refused).toMatchObject({ answer: 'Напомнить этому учителю вы не можете.', alert: true });
    expect(await reminders(s.teacher.id)).toHaveLength(0);
  });

  it("refuses a forged department's monthly report with a clear answer and sends nothing", async () => {
    const s = await headSchool();
    const chat = await chatOf(s.head.id);
    const day = await chat.ask('Контроль');
    for (const id of [s.department.id + 1000, 2_147_483_647]) {
      const refused = await chat.tap(`dm1:${id}`, day.message_id);
      expect(refused).toMatchObject({
        answer: 'Отчёт этого методического объединения вам недоступен: вы не его руководитель.',
        alert: true,
      });
      expect(refused.message.text).toBe(day.text);
    }
    expect(await chat.tap('dm1:x1', day.message_id)).toMatchObject({ answer: 'Кнопка устарела. Откройте раздел заново.', alert: true });
    const teacher = await chatOf(s.teacher.id);
    const today = await teacher.ask('Сегодня');
    expect(await teacher.tap(`dm1:${s.department.id}`, today.message_id)).toMatchObject({
      answer: 'Этот раздел доступен заместителю директора, директору и администратору.',
      alert: true,
    });
  });

  it('answers a head named in no department clearly, on «Контроль» and on a period button', async () => {
    const s = await deputySchool(app);
    const head = await s.seed.user(['head_of_department']);
    const chat = await chatOf(head.id);
    const reply = await chat.ask('Контроль');
    expect(reply.text).toBe(
      'Вы не указаны руководителем ни одного методического объединения. Попросите администратора школы добавить вас в список МО.',
    );
    expect(await chat.tap('cp1:w:0', reply.message_id)).toMatchObject({
      answer: 'Вы не указаны руководителем ни одного методического объединения. Попросите администратора школы добавить вас в список МО.',
    });
  });
});

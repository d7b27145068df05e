import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { notifications } from '../../src/db/schema/index.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
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

const MIN = 60_000;

describe('deputy bot: «Напомнить» from an escalation alert (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, deputyHarnessOptions, (s) => ({ app, harness, answers } = s));

  /** A linked chat and a bot message in it to press under (the real alert comes through the outbox, not the emulator). */
  const chatOf = async (userId: number) => {
    const chat = teacherChat(harness, harness.chat(await linkTelegram(app, userId)), answers);
    const { message_id: alert } = await chat.ask('/menu');
    return { ...chat, tap: (data: string) => chat.tap(data, alert) };
  };
  const nudgeRows = (teacherId: number) =>
    app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, teacherId), eq(notifications.kind, 'reminder')));
  it('queues exactly one reminder for the teacher; a second press within 10 minutes is refused, after them it is allowed', async () => {
    // The test clock is weeks away from the database's own: the throttle must use the service clock only.
    const s = await deputySchool(app);
    const deputy = await chatOf(s.deputy.id);
    const data = `nudge:${s.teacher.id}:20261013`;

    const first = await deputy.tap(data);
    expect(first).toMatchObject({ answer: 'Напоминание отправлено' });
    expect(first.alert).toBeFalsy();
    let rows = await nudgeRows(s.teacher.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dedupeKey: `nudge:${s.teacher.id}:2026-10-13`,
      status: 'pending',
      payload: { point: 'nudge', date: '2026-10-13', teacherId: s.teacher.id },
    });

    clock.advance(4.5 * MIN);
    const second = await deputy.tap(data);
    expect(second).toMatchObject({ answer: 'Этому учителю только что напомнили. Повторить можно через 6 минут.', alert: true });
    rows = await nudgeRows(s.teacher.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.version).toBe(0);

    clock.advance(6 * MIN);
    expect((await deputy.tap(data)).answer).toBe('Напоминание отправлено');
    rows = await nudgeRows(s.teacher.id);
    expect(rows).toHaveLength(1); // the same notice again under a new version
    expect(rows[0]!.version).toBe(1);

    // A day with nothing missing queues nothing.
    expect((await deputy.tap(`nudge:${s.colleague.id}:20261013`)).answer).toBe('У учителя всё заполнено — напоминать не нужно.');
    expect(await nudgeRows(s.colleague.id)).toHaveLength(0);
  });

  it("refuses a teacher pressing a crafted nudge, another school's teacher and malformed data, writing nothing", async () => {
    const s = await deputySchool(app);
    const other = await createSchool(app);
    const stranger = await seeder(app, other.school.id).user(['teacher'], { lastName: 'Чужой' });
    const strangerCourse = await seeder(app, other.school.id).course((await seeder(app, other.school.id).group('9В')).id, stranger.id);
    await seeder(app, other.school.id).lesson(strangerCourse, '2026-10-13', '09:00');

    const teacher = await chatOf(s.colleague.id);
    const refused = await teacher.tap(`nudge:${s.teacher.id}:20261013`);
    expect(refused).toMatchObject({ answer: 'Напомнить этому учителю вы не можете.', alert: true });

    const deputy = await chatOf(s.deputy.id);
    expect(await deputy.tap(`nudge:${stranger.id}:20261013`)).toMatchObject({
      answer: 'Напомнить этому учителю вы не можете.',
      alert: true,
    });
    for (const data of [
      `nudge:${s.teacher.id}:20261341`,
      `nudge:${s.teacher.id}:2026101`,
      `nudge:0${s.teacher.id}:20261013`,
      `nudge:${s.teacher.id}`,
      `nudge:x:20261013`,
      `nudge:${s.teacher.id}:20261013:1`,
    ]) {
      expect(await deputy.tap(data)).toMatchObject({ answer: 'Кнопка устарела. Откройте раздел заново.', alert: true });
    }
    expect(await nudgeRows(s.teacher.id)).toHaveLength(0);
    expect(await nudgeRows(stranger.id)).toHaveLength(0);
    const audited = await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'teacher', limit: 100 });
    expect(audited).toHaveLength(0);
  });
});

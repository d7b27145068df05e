import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { lessons, notifications } from '../../src/db/schema/index.js';
import { manualClock } from '../helpers/app.js';
import { buttonsOf, complianceHarness, complianceSchool, fill, principalOf, type Harness } from './fixture.js';

// Moscow is UTC+3: 10:00 local is 07:00Z.
const at = (local: string) => `${local.replace(' ', 'T')}:00+03:00`;

describe('a school day of reminders, escalation and reports (Europe/Moscow, deadline 17:00)', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('reminds the responsible teacher, escalates once to the deputy, and reports late fills as late', async () => {
    const clock = manualClock(at('2026-11-23 08:00'));
    h = await complianceHarness(clock);
    const s = await complianceSchool(h);
    const ivanova = await s.staff(['teacher'], 'Иванова', 'Мария', 'Петровна');
    const petrov = await s.staff(['teacher'], 'Петров', 'Олег', 'Ильич');
    const deputy = await s.staff(['deputy_director'], 'Завучева', 'Анна', 'Сергеевна');
    const director = await s.staff(['director'], 'Директоров', 'Павел', 'Андреевич');
    const group = await s.seed.group('7Б');
    const course = await s.seed.course(group.id, ivanova.id, 'Алгебра');
    const day = '2026-11-23';
    const l1 = await s.seed.lesson(course, day, '09:00', { period: 2 });
    const l2 = await s.seed.lesson(course, day, '10:00', { period: 3 });
    const l3 = await s.seed.lesson(course, day, '11:00', { period: 4, substituteId: petrov.id });
    await s.seed.lesson(course, day, '12:00', { period: 5, status: 'cancelled', cancelReason: 'карантин' });

    // 09:55: lesson 2 ended 09:45, its first reminder is due at 10:00.
    clock.set(at('2026-11-23 09:55'));
    expect((await h.scan()).reminders).toBe(0);

    clock.set(at('2026-11-23 10:00'));
    expect((await h.scan()).reminders).toBe(1);
    let sent = await h.send();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.chatId).toBe(h.chatOf(ivanova.id));
    expect(sent[0]!.text).toContain('Журнал за 23 ноября не заполнен: <b>1 урок</b>');
    expect(sent[0]!.text).toContain('2-й урок, 09:00, 7Б, Алгебра — нет: посещаемость, тема');
    expect(buttonsOf(sent[0]!)).toEqual([`open:${l1.id}`, `ap1:${l1.id}:r`]);

    // The teacher fills lesson 1; a re-scan at the same moment changes nothing.
    await fill(h.app, ivanova, l1.id);
    expect((await h.scan()).reminders).toBe(0);

    clock.set(at('2026-11-23 11:00'));
    await h.scan();
    sent = await h.send();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('1 урок');
    expect(sent[0]!.text).toContain('3-й урок, 10:00');
    expect(sent[0]!.text).not.toContain('2-й урок');
    expect(buttonsOf(sent[0]!)).toEqual([`open:${l2.id}`, `ap1:${l2.id}:r`]);

    // Lesson 3 has a substitute: the reminder goes to him, not to the course's teacher.
    clock.set(at('2026-11-23 12:00'));
    await h.scan();
    sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(petrov.id)]);
    expect(buttonsOf(sent[0]!)).toEqual([`open:${l3.id}`, `ap1:${l3.id}:r`]);

    // The cancelled 12:00 lesson never produces anything.
    clock.set(at('2026-11-23 13:00'));
    expect((await h.scan()).reminders).toBe(0);

    // 16:00: the last reminder (60 minutes before 17:00) to both teachers, each their own lessons.
    clock.set(at('2026-11-23 16:00'));
    expect((await h.scan()).reminders).toBe(2);
    sent = await h.send();
    expect(sent).toHaveLength(2);
    const toIvanova = sent.find((c) => c.chatId === h.chatOf(ivanova.id))!;
    expect(toIvanova.text).toContain('Последнее напоминание');
    expect(buttonsOf(toIvanova)).toEqual([`open:${l2.id}`, `ap1:${l2.id}:r`]);
    expect(buttonsOf(sent.find((c) => c.chatId === h.chatOf(petrov.id))!)).toEqual([`open:${l3.id}`, `ap1:${l3.id}:r`]);

    // 16:59: not yet escalated.
    clock.set(at('2026-11-23 16:59'));
    expect(await h.scan()).toEqual({ reminders: 0, escalations: 0, reports: 0, termReminders: 0, termEscalations: 0, classDailies: 0 });

    // 17:00: one alert to the deputy, none to the director or the teachers.
    clock.set(at('2026-11-23 17:00'));
    expect((await h.scan()).escalations).toBe(1);
    expect((await h.scan()).escalations).toBe(0);
    sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(deputy.id)]);
    const alert = sent[0]!.text;
    expect(alert).toContain('Журнал за 23 ноября не заполнен в срок (17:00): 2 урока у 2 учителей');
    expect(alert).toContain('<b>Иванова Мария Петровна</b> — 1 урок');
    expect(alert).toContain('<b>Петров Олег Ильич</b> — 1 урок');
    expect(alert).toContain('3-й урок, 10:00, 7Б, Алгебра: посещаемость, тема');
    expect(buttonsOf(sent[0]!).sort()).toEqual([`nudge:${ivanova.id}:20261123`, `nudge:${petrov.id}:20261123`].sort());
    expect(sent[0]!.replyMarkup!.inline_keyboard[0]![0]!.text).toMatch(/^Напомнить: /);

    // The deputy presses «Напомнить» for Иванова; a second press right away is refused.
    clock.set(at('2026-11-23 17:10'));
    expect(await h.app.services.compliance.nudge(principalOf(deputy), ivanova.id, day)).toEqual({ queued: true, lessons: 1 });
    sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(ivanova.id)]);
    expect(buttonsOf(sent[0]!)).toEqual([`open:${l2.id}`, `ap1:${l2.id}:r`]);
    await expect(h.app.services.compliance.nudge(principalOf(deputy), ivanova.id, day)).rejects.toMatchObject({ code: 'rate_limited' });
    // Nobody but the control roles may nudge; a teacher of another school looks missing.
    await expect(h.app.services.compliance.nudge(principalOf(petrov), ivanova.id, day)).rejects.toMatchObject({ code: 'not_found' });

    // 18:30: the substitute fills lesson 3 late.
    clock.set(at('2026-11-23 18:30'));
    await fill(h.app, petrov, l3.id);

    // Next day: nothing more for the 23rd; the report counts lesson 3 late and lesson 2 missing.
    clock.set(at('2026-11-24 10:00'));
    await h.scan();
    expect((await h.send()).filter((c) => c.chatId === h.chatOf(deputy.id))).toHaveLength(0);
    const report = await h.app.services.compliance.summary(principalOf(deputy), { period: 'day', date: day });
    expect(report.teachers.map((t) => [t.teacherName, t.onTime, t.late, t.missing, t.onTimeShare])).toEqual([
      ['Петров Олег Ильич', 0, 1, 0, 0],
      ['Иванова Мария Петровна', 1, 0, 1, 0.5],
    ]);
    expect(report.totals).toMatchObject({ lessons: 3, onTime: 1, late: 1, missing: 1, pending: 0 });

    // Monday 30 November 08:00: the weekly activity report to the deputy only.
    clock.set(at('2026-11-30 07:59'));
    expect((await h.scan()).reports).toBe(0);
    clock.set(at('2026-11-30 08:00'));
    expect((await h.scan()).reports).toBe(1);
    expect((await h.scan()).reports).toBe(0);
    sent = (await h.send()).filter((c) => c.text.includes('отчёт'));
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(deputy.id)]);
    expect(sent[0]!.text).toContain('Еженедельный отчёт о заполнении журнала');
    expect(sent[0]!.text).toContain('23 ноября — 29 ноября');
    expect(sent[0]!.text).toContain('1. Петров Олег Ильич — вовремя 0 %, с опозданием 1, не заполнено 0');

    // 10 December 08:00: the monthly report to the deputy and the summary to the director.
    clock.set(at('2026-12-10 08:00'));
    expect((await h.scan()).reports).toBe(2);
    sent = (await h.send()).filter((c) => c.text.includes('журнал'));
    expect(sent.map((c) => c.chatId).sort()).toEqual([h.chatOf(deputy.id), h.chatOf(director.id)].sort());
    expect(sent.find((c) => c.chatId === h.chatOf(director.id))!.text).toContain('Итоги месяца');
    expect(sent.find((c) => c.chatId === h.chatOf(deputy.id))!.text).toContain('1 ноября — 30 ноября');

    const rows = await h.app.db.db.select().from(notifications).where(eq(notifications.schoolId, s.school.id));
    expect(rows.filter((r) => r.kind === 'escalation')).toHaveLength(1);
    expect(rows.every((r) => r.status === 'sent' || r.status === 'skipped')).toBe(true);
    const cancelled = await h.app.db.db.select().from(lessons).where(eq(lessons.status, 'cancelled'));
    expect(cancelled).toHaveLength(1);
  });
});

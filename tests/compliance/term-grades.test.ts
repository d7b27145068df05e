import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { isolatedDatabaseUrl, manualClock } from '../helpers/app.js';
import { startEmulator } from '../helpers/bot.js';
import { grades } from '../../src/db/schema/index.js';
import { notificationsOf, runsOf, termHarness, termSchool, type TermHarness } from './term-fixture.js';

// Moscow is UTC+3.
const at = (local: string) => `${local.replace(' ', 'T')}:00+03:00`;
const ZERO = { reminders: 0, escalations: 0, reports: 0, termReminders: 0, termEscalations: 0, classDailies: 0 };

describe('term-grade reminders and the escalation (quarter 2 of YEAR_2026: due 26 December)', () => {
  const open: TermHarness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it('reminds the teacher once a day in the reminder days, then alerts the deputy once a day until the period ends', async () => {
    const clock = manualClock(at('2026-12-22 09:00'));
    const h = await termHarness(clock);
    open.push(h);
    const s = await termSchool(h);
    const ivanova = h.chat(s.ivanova.chatId);
    const deputy = h.chat(s.deputy.chatId);

    // 22 December is before the reminder days (23–26): nothing, and no run is even claimed.
    expect(await h.scan()).toEqual(ZERO);
    expect(await runsOf(h.app, s.school.id)).toEqual([]);

    // 23 December, 07:59: not yet; 08:00: Иванова and Орлова (e-mail); not Петров (all set), not Сидоров (deactivated).
    clock.set(at('2026-12-23 07:59'));
    expect((await h.scan()).termReminders).toBe(0);
    clock.set(at('2026-12-23 08:00'));
    expect((await h.scan()).termReminders).toBe(2);
    expect((await h.scan()).termReminders).toBe(0);
    await h.send();
    const [reminder] = await ivanova.replies(1);
    expect(reminder!.text.split('\n')).toEqual([
      '📝 Не выставлены отметки за период: <b>5 отметок</b>',
      '• 7Б, Алгебра (2-я четверть) — нет отметки у 2 из 3 учеников, срок — 26 декабря',
      '• 7Б, Геометрия (2-я четверть) — нет отметки у 3 из 3 учеников, срок — 26 декабря',
      '',
      'Нажмите на класс, чтобы выставить отметки.',
    ]);
    expect(reminder!.inline).toEqual([
      [{ text: '7Б Алгебра: 2', data: `f1:${s.courses.algebra.id}` }],
      [{ text: '7Б Геометрия: 3', data: `f1:${s.courses.geometry.id}` }],
    ]);
    expect(await h.chat(s.petrov.chatId).silence(50)).toBe(true);
    expect(await h.chat(s.sidorov.chatId).silence(0)).toBe(true);
    // Орлова has no Telegram: the reminder goes by e-mail.
    expect(h.smtp.received.map((m) => [m.to && 'text' in m.to ? m.to.text : '', m.subject])).toEqual([
      [`${s.school.id}.Орлова@example.org`, 'Отметки за период: не выставлено 3 отметки'],
    ]);
    expect(h.smtp.received[0]!.text).toContain('7Б, Биология (2-я четверть) — нет отметки у 3 из 3 учеников');

    // 24 December: Иванова has set Алгебра; the day's reminder lists Геометрия only.
    for (const st of s.students.slice(1)) await s.termGrade(s.courses.algebra, st.id);
    clock.set(at('2026-12-24 08:00'));
    expect((await h.scan()).termReminders).toBe(2);
    await h.send();
    const [second] = await ivanova.replies(1);
    expect(second!.text).toContain('<b>3 отметки</b>');
    expect(second!.text).not.toContain('Алгебра');
    expect(second!.inline.flat().map((b) => b.data)).toEqual([`f1:${s.courses.geometry.id}`]);

    // 26 December is the due date: still a reminder, no alert yet.
    clock.set(at('2026-12-26 08:00'));
    expect(await h.scan()).toMatchObject({ termReminders: 2, termEscalations: 0 });
    await h.send();
    await ivanova.replies(1);

    // 27 December 08:00: no reminder any more; one alert to the deputy listing every teacher's gaps, Сидоров included.
    clock.set(at('2026-12-27 07:59'));
    expect(await h.scan()).toMatchObject({ termReminders: 0, termEscalations: 0 });
    clock.set(at('2026-12-27 08:00'));
    expect(await h.scan()).toMatchObject({ termReminders: 0, termEscalations: 1 });
    expect((await h.scan()).termEscalations).toBe(0);
    await h.send();
    const [alert] = await deputy.replies(1);
    expect(alert!.text.split('\n')).toEqual([
      'Отметки за период не выставлены в срок: <b>9 отметок</b> у 3 учителей',
      '',
      '<b>Иванова Мария Петровна</b> — 3 отметки',
      '  • 7Б, Геометрия (2-я четверть), срок — 26 декабря: нет у 3 из 3 учеников',
      '',
      '<b>Орлова Вера Павловна</b> — 3 отметки',
      '  • 7Б, Биология (2-я четверть), срок — 26 декабря: нет у 3 из 3 учеников',
      '',
      '<b>Сидоров Иван Ильич</b> — 3 отметки',
      '  • 7Б, Химия (2-я четверть), срок — 26 декабря: нет у 3 из 3 учеников',
      '',
      'Учителям каждое утро приходит напоминание; этот список приходит каждое утро, пока период не закончится.',
    ]);
    expect(await ivanova.silence(50)).toBe(true);

    // 28 December, the period's last day: every grade is set now, so the day's run finds nothing to say.
    for (const c of [s.courses.geometry, s.courses.chemistry, s.courses.biology]) {
      await h.app.db.db.delete(grades).where(eq(grades.courseId, c.id));
      for (const st of s.students) await s.termGrade(c, st.id);
    }
    clock.set(at('2026-12-28 08:00'));
    expect(await h.scan()).toMatchObject({ termReminders: 0, termEscalations: 0 });
    // 29 December: the period is over, nothing more is claimed.
    clock.set(at('2026-12-29 08:00'));
    await h.scan();
    expect(await runsOf(h.app, s.school.id)).toEqual([
      'term_escalation 2026-12-27',
      'term_escalation 2026-12-28',
      'term_reminder 2026-12-23',
      'term_reminder 2026-12-24',
      'term_reminder 2026-12-26',
    ]);
    const rows = await notificationsOf(h.app, s.school.id);
    expect(rows.filter((r) => r.kind === 'term_escalation')).toHaveLength(1);
    expect(rows.filter((r) => r.kind === 'term_reminder').every((r) => r.status === 'sent')).toBe(true);
  });

  it('a grade entered between the scan and the send drops out; nothing left means nothing is sent', async () => {
    const clock = manualClock(at('2026-12-23 08:00'));
    const h = await termHarness(clock);
    open.push(h);
    const s = await termSchool(h);
    expect((await h.scan()).termReminders).toBe(2);
    for (const c of [s.courses.algebra, s.courses.geometry]) for (const st of s.students) await s.termGrade(c, st.id);
    await h.send();
    expect(await h.chat(s.ivanova.chatId).silence(100)).toBe(true);
    const rows = await notificationsOf(h.app, s.school.id);
    expect(rows.find((r) => r.recipientId === s.ivanova.id)).toMatchObject({ status: 'skipped', lastError: 'every term grade set' });
  });

  it('two worker processes scanning at once send one reminder per teacher and one alert per deputy', async () => {
    const clock = manualClock(at('2026-12-23 08:00'));
    const url = await isolatedDatabaseUrl();
    const server = await startEmulator();
    const a = await termHarness(clock, { databaseUrl: url, server });
    const b = await termHarness(clock, { databaseUrl: url, server });
    open.push(a, b);
    try {
      const s = await termSchool(a);
      const reminders = await Promise.all([a.scan(), b.scan(), a.scan(), b.scan()]);
      expect(reminders.reduce((n, r) => n + r.termReminders, 0)).toBe(2);
      // The relay queues each row once (its job id); delivering from both processes in turn shows there is one row.
      await a.send();
      await b.send();
      expect(await a.chat(s.ivanova.chatId).replies(1)).toHaveLength(1);
      expect(await a.chat(s.ivanova.chatId).silence(100)).toBe(true);

      clock.set(at('2026-12-27 08:00'));
      const alerts = await Promise.all([a.scan(), b.scan(), a.scan(), b.scan()]);
      expect(alerts.reduce((n, r) => n + r.termEscalations, 0)).toBe(1);
      await a.send();
      await b.send();
      expect(await a.chat(s.deputy.chatId).replies(1)).toHaveLength(1);
      expect(await a.chat(s.deputy.chatId).silence(100)).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

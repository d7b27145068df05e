import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { holidays, notifications, preferences } from '../../src/db/schema/index.js';
import { manualClock } from '../helpers/app.js';
import { complianceHarness, complianceSchool, fill, principalOf, type Harness } from './fixture.js';

describe('two timezones, a 23:59 deadline across midnight, holidays and quiet hours', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('runs Moscow and Novokuznetsk side by side on their own clocks', async () => {
    const clock = manualClock('2026-11-23T00:00:00Z');
    h = await complianceHarness(clock);
    const msk = await complianceSchool(h, 'Europe/Moscow');
    const nkz = await complianceSchool(h, 'Asia/Novokuznetsk', { fillDeadline: '23:59' });
    const tm = await msk.staff(['teacher'], 'Москвина', 'Ольга', 'Ивановна');
    const tn = await nkz.staff(['teacher'], 'Сибирцев', 'Иван', 'Петрович');
    const dn = await nkz.staff(['deputy_director'], 'Кемерова', 'Нина', 'Юрьевна');
    const cm = await msk.seed.course((await msk.seed.group('5А')).id, tm.id);
    const cn = await nkz.seed.course((await nkz.seed.group('6Б')).id, tn.id);
    const lm = await msk.seed.lesson(cm, '2026-11-23', '09:00');
    const ln1 = await nkz.seed.lesson(cn, '2026-11-23', '09:00');
    const ln2 = await nkz.seed.lesson(cn, '2026-11-23', '10:00');

    // 03:00Z is 10:00 in Novokuznetsk (UTC+7) but 06:00 in Moscow: only Novokuznetsk is reminded.
    clock.set('2026-11-23T03:00:00Z');
    await h.scan();
    let sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(tn.id)]);
    expect(sent[0]!.text).toContain('09:00, 6Б');
    // 07:00Z is 10:00 in Moscow (and 14:00 in Novokuznetsk, past lesson 2's first reminder).
    clock.set('2026-11-23T07:00:00Z');
    await h.scan();
    sent = await h.send();
    expect(sent.map((c) => c.chatId).sort()).toEqual([h.chatOf(tm.id), h.chatOf(tn.id)].sort());
    expect(sent.find((c) => c.chatId === h.chatOf(tm.id))!.text).toContain('09:00, 5А');

    // Novokuznetsk's last reminder at 22:59 local (15:59Z) goes out inside the quiet hours.
    clock.set('2026-11-23T15:59:00Z');
    await h.scan();
    sent = await h.send();
    const last = sent.find((c) => c.chatId === h.chatOf(tn.id))!;
    expect(last.text).toContain('Последнее напоминание');
    expect(last.text).toContain('2 урока');
    expect(last.text).toContain('Срок — 23:59');

    // 23:58 local: lesson 1 filled on time.
    clock.set('2026-11-23T16:58:00Z');
    await fill(h.app, tn, ln1.id);
    // 00:05 local on the 24th: the 23rd is escalated (the scan runs after midnight), held by the
    // deputy's quiet hours until 07:30 local.
    clock.set('2026-11-23T17:05:00Z');
    expect((await h.scan()).escalations).toBe(1);
    const [alert] = await h.app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, dn.id), eq(notifications.kind, 'escalation')));
    expect(alert!.dedupeKey).toBe(`escalation:${dn.id}:2026-11-23`);
    expect(alert!.notBefore.toISOString()).toBe('2026-11-24T00:30:00.000Z');
    expect(await h.send()).toEqual([]);

    // 00:20 local: lesson 2 filled late; at 07:30 the alert has nothing left and is skipped.
    clock.set('2026-11-23T17:20:00Z');
    await fill(h.app, tn, ln2.id);
    clock.set('2026-11-24T00:30:00Z');
    expect(await h.send()).toEqual([]);
    const [after] = await h.app.db.db.select().from(notifications).where(eq(notifications.id, alert!.id));
    expect(after!.status).toBe('skipped');

    const report = await h.app.services.compliance.summary(principalOf(dn), { period: 'day', date: '2026-11-23' });
    expect(report.teachers).toMatchObject([{ teacherId: tn.id, onTime: 1, late: 1, missing: 0, onTimeShare: 0.5 }]);
    // Moscow's lesson is Moscow's: the other school's report does not show it.
    expect(report.teachers.some((t) => t.teacherId === tm.id)).toBe(false);
    expect(lm.id).toBeGreaterThan(0);
  });

  it('accepts a 24:00 deadline as the next midnight', async () => {
    const clock = manualClock('2026-11-23T00:00:00Z');
    h = await complianceHarness(clock);
    const s = await complianceSchool(h, 'Europe/Moscow', { fillDeadline: '24:00', escalationDelayMinutes: 30 });
    const t = await s.staff(['teacher'], 'Полночная', 'Вера', 'Ивановна');
    const d = await s.staff(['deputy_director'], 'Контролёва', 'Анна', 'Петровна');
    await h.app.db.db.insert(preferences).values({ userId: d.id, quietStart: '23:00', quietEnd: '06:00' });
    await s.seed.lesson(await s.seed.course((await s.seed.group('9В')).id, t.id), '2026-11-23', '14:00');
    // 24:00 + 30 minutes = 00:30 local on the 24th = 21:30Z.
    clock.set('2026-11-23T21:29:00Z');
    expect((await h.scan()).escalations).toBe(0);
    clock.set('2026-11-23T21:30:00Z');
    expect((await h.scan()).escalations).toBe(1);
    const [alert] = await h.app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, d.id), eq(notifications.kind, 'escalation')));
    expect(alert!.notBefore.toISOString()).toBe('2026-11-24T03:00:00.000Z'); // the deputy's own quiet hours end at 06:00
  });

  it('produces nothing on a holiday and holds after-lesson reminders in the quiet hours', async () => {
    const clock = manualClock('2026-11-23T00:00:00Z');
    h = await complianceHarness(clock);
    const s = await complianceSchool(h, 'Europe/Moscow', { fillDeadline: '24:00' });
    const t = await s.staff(['teacher'], 'Вечерова', 'Ирина', 'Олеговна');
    await s.staff(['deputy_director'], 'Строгова', 'Елена', 'Павловна');
    const course = await s.seed.course((await s.seed.group('Кружок')).id, t.id);
    await h.app.db.db.insert(holidays).values({ schoolId: s.school.id, date: '2026-11-04', name: 'День народного единства' });
    await s.seed.lesson(course, '2026-11-04', '10:00');
    clock.set('2026-11-04T12:00:00Z');
    expect(await h.scan()).toEqual({ reminders: 0, escalations: 0, reports: 0, termReminders: 0, termEscalations: 0, classDailies: 0 });
    clock.set('2026-11-04T22:00:00Z');
    expect(await h.scan()).toEqual({ reminders: 0, escalations: 0, reports: 0, termReminders: 0, termEscalations: 0, classDailies: 0 });
    expect(
      await h.app.services.compliance.summary({ kind: 'api', schoolId: s.school.id }, { period: 'day', date: '2026-11-04' }),
    ).toMatchObject({ totals: { lessons: 0 } });

    // A lesson ending 20:45: its first reminder (21:00) falls in the quiet hours (21:00–07:30) and
    // would come after the last one (23:00), so only the last reminder is sent, at 23:00.
    await s.seed.lesson(course, '2026-11-24', '20:00');
    clock.set('2026-11-24T18:00:00Z'); // 21:00 local
    expect((await h.scan()).reminders).toBe(0);
    expect(await h.send()).toEqual([]);
    clock.set('2026-11-24T20:00:00Z'); // 23:00 local
    expect((await h.scan()).reminders).toBe(1);
    const sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(t.id)]);
    expect(sent[0]!.text).toContain('Срок — 24:00 (до полуночи)');
  });
});

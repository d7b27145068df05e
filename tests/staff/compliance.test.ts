import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../helpers/app.js';
import { buttonsOf, complianceHarness, complianceSchool, principalOf, type Harness } from '../compliance/fixture.js';

const at = (local: string) => `${local.replace(' ', 'T')}:00+03:00`;

describe('a deactivated teacher in reminders and escalations', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('reminds nobody for them, keeps their unfilled lesson in the escalation marked as departed, without a nudge button', async () => {
    const clock = manualClock(at('2026-11-23 08:00'));
    h = await complianceHarness(clock);
    const s = await complianceSchool(h);
    const leaving = await s.staff(['teacher'], 'Уходящая', 'Вера', 'Павловна');
    const staying = await s.staff(['teacher'], 'Петров', 'Олег', 'Ильич');
    const deputy = await s.staff(['deputy_director'], 'Завучева', 'Анна', 'Сергеевна');
    const group = await s.seed.group('7Б');
    const left = await s.seed.course(group.id, leaving.id, 'Алгебра');
    const kept = await s.seed.course(group.id, staying.id, 'Физика');
    const day = '2026-11-23';
    await s.seed.lesson(left, day, '09:00', { period: 2 });
    await s.seed.lesson(kept, day, '10:00', { period: 3 });

    const api = { kind: 'api' as const, schoolId: s.school.id };
    const report = await h.app.services.staff.deactivate(api, s.school.id, leaving.id, { date: day });
    expect(report.lessons.total).toBe(1);

    // 16:00: the last reminder goes to the teacher who stays, none to the one who left.
    clock.set(at('2026-11-23 16:00'));
    await h.scan();
    let sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(staying.id)]);

    // After the deadline the deputy hears of both lessons; the departed teacher is marked, and only the other can be nudged.
    clock.set(at('2026-11-23 17:30'));
    expect((await h.scan()).escalations).toBe(1);
    sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(deputy.id)]);
    expect(sent[0]!.text).toContain('Уходящая Вера Павловна</b> — 1 урок (не работает в школе: передайте уроки другому учителю)');
    expect(sent[0]!.text).toContain('Петров Олег Ильич</b> — 1 урок\n');
    expect(buttonsOf(sent[0]!)).toEqual([`nudge:${staying.id}:20261123`]);

    // A stale «Напомнить» for the departed teacher: a clear refusal, nothing queued.
    await expect(h.app.services.compliance.nudge(principalOf(deputy), leaving.id, day)).rejects.toMatchObject({
      code: 'gone',
      reason: 'deactivated',
    });
    // Their lesson still counts as missing in the deputy's day.
    const summary = await h.app.services.compliance.summary(principalOf(deputy), { period: 'day', date: day });
    expect(summary.teachers.find((t) => t.teacherId === leaving.id)).toMatchObject({ missing: 1 });
  });
});

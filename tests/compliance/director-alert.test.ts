import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../helpers/app.js';
import { complianceHarness, complianceSchool, principalOf, type Harness } from './fixture.js';

const at = (local: string) => `${local.replace(' ', 'T')}:00+03:00`;

describe("the director's daily alert and who asked for a nudge", () => {
  let h: Harness;
  afterEach(() => h?.close());

  async function dayWithGap(policy: Record<string, unknown>) {
    const clock = manualClock(at('2026-11-23 08:00'));
    h = await complianceHarness(clock);
    const s = await complianceSchool(h, 'Europe/Moscow', policy);
    const teacher = await s.staff(['teacher'], 'Иванова', 'Мария', 'Петровна');
    const deputy = await s.staff(['deputy_director'], 'Завучева', 'Анна', 'Сергеевна');
    const director = await s.staff(['director'], 'Директоров', 'Павел', 'Андреевич');
    const both = await s.staff(['director', 'deputy_director'], 'Двойная', 'Ольга', 'Ивановна');
    const group = await s.seed.group('7Б');
    const course = await s.seed.course(group.id, teacher.id, 'Алгебра');
    await s.seed.lesson(course, '2026-11-23', '09:00', { period: 2 });
    return { clock, s, teacher, deputy, director, both };
  }

  it('alerts deputies only by default', async () => {
    const { clock, deputy, both } = await dayWithGap({});
    clock.set(at('2026-11-23 17:00'));
    expect((await h.scan()).escalations).toBe(2);
    const sent = await h.send();
    expect(sent.map((c) => c.chatId).sort()).toEqual([h.chatOf(deputy.id), h.chatOf(both.id)].sort());
  });

  it('alerts the director too when the policy says so, once for someone who is both', async () => {
    const { clock, deputy, director, both } = await dayWithGap({ directorGetsDailyAlert: true });
    clock.set(at('2026-11-23 17:00'));
    expect((await h.scan()).escalations).toBe(3);
    expect((await h.scan()).escalations).toBe(0);
    const sent = await h.send();
    expect(sent.map((c) => c.chatId).sort()).toEqual([h.chatOf(deputy.id), h.chatOf(director.id), h.chatOf(both.id)].sort());
    const toDirector = sent.find((c) => c.chatId === h.chatOf(director.id))!;
    expect(toDirector.text).toContain('Журнал за 23 ноября не заполнен в срок (17:00): 1 урок у 1 учителя');
  });

  it('refuses a policy value that is not true or false, and keeps the old one', async () => {
    const { s } = await dayWithGap({});
    await expect(
      h.app.services.schools.updatePolicy({ kind: 'system' }, s.school.id, { directorGetsDailyAlert: 'yes' }),
    ).rejects.toMatchObject({
      details: [{ path: 'directorGetsDailyAlert', message: 'must be true or false' }],
    });
    expect((await h.app.services.schools.get({ kind: 'system' }, s.school.id)).policy.directorGetsDailyAlert).toBe(false);
  });

  it('names who asked for a nudge, unlike the automatic reminder', async () => {
    const { clock, teacher, deputy, director } = await dayWithGap({});
    clock.set(at('2026-11-23 17:10'));
    await h.app.services.compliance.nudge(principalOf(deputy), teacher.id, '2026-11-23');
    let sent = await h.send();
    expect(sent.map((c) => c.chatId)).toEqual([h.chatOf(teacher.id)]);
    expect(sent[0]!.text).toContain('Напоминание от заместителя директора (Завучева Анна Сергеевна)');
    expect(sent[0]!.text).toContain('Журнал за 23 ноября не заполнен');

    clock.set(at('2026-11-23 17:30'));
    await h.app.services.compliance.nudge(principalOf(director), teacher.id, '2026-11-23');
    sent = await h.send();
    expect(sent[0]!.text).toContain('Напоминание от директора (Директоров Павел Андреевич)');
  });
});

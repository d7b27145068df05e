import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../helpers/app.js';
import { buttonsOf, complianceHarness, complianceSchool, principalOf, type Harness } from './fixture.js';

const at = (local: string) => `${local.replace(' ', 'T')}:00+03:00`;

describe("a head of department's daily alert (Europe/Moscow, deadline 17:00)", () => {
  let h: Harness;
  afterEach(() => h?.close());

  it("alerts the head once with their teachers' lessons only, skips a head with nothing missing, and scopes «Напомнить»", async () => {
    const clock = manualClock(at('2026-11-23 08:00'));
    h = await complianceHarness(clock);
    const s = await complianceSchool(h);
    const ivanova = await s.staff(['teacher'], 'Иванова', 'Мария', 'Петровна');
    const petrov = await s.staff(['teacher'], 'Петров', 'Олег', 'Ильич');
    const deputy = await s.staff(['deputy_director'], 'Завучева', 'Анна', 'Сергеевна');
    const head = await s.staff(['teacher', 'head_of_department'], 'Орлова', 'Вера', 'Павловна');
    const calmHead = await s.staff(['head_of_department'], 'Спокойная', 'Нина', 'Ивановна');
    const tutor = await s.staff(['teacher'], 'Сидоров', 'Иван', 'Ильич');
    const group = await s.seed.group('7Б');
    const algebra = await s.seed.course(group.id, ivanova.id, 'Алгебра');
    const history = await s.seed.course(group.id, petrov.id, 'История');
    const music = await s.seed.course(group.id, tutor.id, 'Музыка');
    const day = '2026-11-23';
    await s.seed.lesson(algebra, day, '09:00', { period: 2 });
    await s.seed.lesson(history, day, '10:00', { period: 3 });
    await h.app.services.departments.load({ kind: 'system' }, s.school.id, {
      departments: [
        { name: 'Математика', headId: head.id, subjectIds: [algebra.subjectId] },
        { name: 'Искусство', headId: calmHead.id, subjectIds: [music.subjectId] },
      ],
    });

    clock.set(at('2026-11-23 17:00'));
    expect((await h.scan()).escalations).toBe(2);
    expect((await h.scan()).escalations).toBe(0);
    const sent = (await h.send()).filter((c) => c.text.includes('не заполнен в срок'));
    expect(sent.map((c) => c.chatId).sort()).toEqual([h.chatOf(deputy.id), h.chatOf(head.id)].sort());
    const alert = sent.find((c) => c.chatId === h.chatOf(head.id))!;
    expect(alert.text).toContain('1 урок у 1 учителя');
    expect(alert.text).toContain('<b>Иванова Мария Петровна</b> — 1 урок');
    expect(alert.text).not.toContain('Петров Олег');
    expect(buttonsOf(alert)).toEqual([`nudge:${ivanova.id}:20261123`]);

    expect(await h.app.services.compliance.nudge(principalOf(head), ivanova.id, day)).toEqual({ queued: true, lessons: 1 });
    await expect(h.app.services.compliance.nudge(principalOf(head), petrov.id, day)).rejects.toMatchObject({ code: 'not_found' });
    await expect(h.app.services.compliance.summary(principalOf(calmHead), { period: 'day' })).resolves.toMatchObject({ teachers: [] });
  });
});

import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { groups, notifications, preferences, users } from '../../src/db/schema/index.js';
import type { GradeInput } from '../../src/domain/journal/views.js';
import { manualClock } from '../helpers/app.js';
import { YEAR_2026 } from '../year/fixtures.js';
import { deliveryHarness, eventually, notificationFixture } from './harness.js';

type Harness = Awaited<ReturnType<typeof deliveryHarness>>;
type Fixture = Awaited<ReturnType<typeof notificationFixture>>;
const DAY_MS = 24 * 60 * 60_000;

/** 7Б (grade level 7, quarters) on Friday 25 December, the last week of the second quarter. */
async function termFixture(h: Harness) {
  const f = await notificationFixture(h.app, { date: '2026-12-25' });
  await h.app.db.db.update(groups).set({ gradeLevel: 7 }).where(eq(groups.id, f.group.id));
  await h.app.services.year.loadPeriods({ kind: 'api', schoolId: f.school.id }, f.school.id, YEAR_2026);
  return f;
}

/**
 * A teacher sets a term grade inside its window; a year grade in December (outside the year's
 * window) comes as the main journal's, whose grades no window holds back.
 */
async function setFinal(h: Harness, f: Fixture, item: Omit<GradeInput, 'studentId'>) {
  const lesson = f.lessons[0]!;
  const principal =
    item.kind === 'year'
      ? { kind: 'api' as const, schoolId: lesson.schoolId }
      : { kind: 'user' as const, userId: lesson.teacherId, schoolId: lesson.schoolId, roles: ['teacher' as const] };
  await h.app.services.journal.addGrades(principal, lesson.id, [{ studentId: f.student.id, ...item }]);
}

describe('term and year results reach parents as results', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('a term grade set by the teacher is announced at once as the result of the quarter', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-12-25T08:00:00Z') }); // 11:00 in Moscow
    const f = await termFixture(h);
    h.startWorker();
    await setFinal(h, f, { value: '4', kind: 'term', term: 2 });
    const [row] = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, f.parent.id));
    // Within 24 hours of the teacher's save (the clock's now), as the regulations ask of final results.
    expect(row!.deadline!.getTime()).toBeLessThanOrEqual(h.clock.now().getTime() + DAY_MS);
    expect(await h.relay.tick()).toBe(1);
    await eventually(() => h.telegram.calls.length === 1);
    expect(h.telegram.calls[0]!.text).toBe(
      'Итоговая отметка: <b>Соколова Анна</b>, 25 декабря\nАлгебра — итоговая за 2-ю четверть: <b>4</b>',
    );
  });

  it("goes into the parent's digest named the same way, with a year grade beside it", async () => {
    h = await deliveryHarness({ clock: manualClock('2026-12-25T08:00:00Z') });
    const f = await termFixture(h);
    await h.app.db.db.insert(preferences).values({ userId: f.parent.id, grades: 'digest', digestTime: '18:30' });
    h.startWorker();
    await setFinal(h, f, { value: '5', kind: 'term', term: 2 });
    await setFinal(h, f, { value: '4', kind: 'year' });
    const rows = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, f.parent.id));
    expect(rows.map((r) => r.kind)).toEqual(['grade_digest']);
    h.clock.set('2026-12-25T15:30:00Z');
    expect(await h.relay.tick()).toBe(1);
    await eventually(() => h.telegram.calls.length === 1);
    const text = h.telegram.calls[0]!.text;
    expect(text).toContain('• Алгебра — итоговая за 2-ю четверть: <b>5</b>');
    expect(text).toContain('• Алгебра — итоговая за год: <b>4</b>');
  });

  it('in English, and without loaded periods still as a term result', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-12-25T08:00:00Z') });
    const f = await termFixture(h);
    await h.app.db.db.update(users).set({ locale: 'en' }).where(eq(users.id, f.parent.id));
    const bare = await notificationFixture(h.app, { date: '2026-12-25', chatId: 77_000 });
    h.startWorker();
    await setFinal(h, f, { value: '3', kind: 'term', term: 2 });
    await setFinal(h, bare, { value: '4', kind: 'term', term: 2 });
    expect(await h.relay.tick()).toBe(2);
    await eventually(() => h.telegram.calls.length === 2);
    const texts = h.telegram.calls.map((c) => c.text).sort();
    expect(texts).toEqual([
      'Final grade: <b>Соколова Анна</b>, 25 December\nАлгебра — term grade for Quarter 2: <b>3</b>',
      'Итоговая отметка: <b>Соколова Анна</b>, 25 декабря\nАлгебра — итоговая за 2-й учебный период: <b>4</b>',
    ]);
  });
});

import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { closedYears, enrollments, groups, guardianships, lessons } from '../../src/db/schema/index.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { cli } from '../helpers/cli.js';
import { seeder } from '../helpers/seed.js';

describe('POST /v1/year/promote and year:promote', () => {
  const clock = manualClock('2027-06-15T09:00:00Z');
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock });
    await app.http!.ready();
  });
  afterAll(() => app?.stop());

  /** Classes 5А, 10 Б, 11А, «Лицейский» (level 7) and one with no level, a club, a pupil in each class, a lesson of 5А. */
  async function yearEndSchool() {
    const { school, auth } = await createSchool(app);
    const seed = seeder(app, school.id);
    const teacher = await seed.user(['teacher', 'class_teacher'], { lastName: 'Смирнова' });
    const made = await app.db.db
      .insert(groups)
      .values([
        { schoolId: school.id, externalId: '5А', name: '5А', gradeLevel: 5, classTeacherId: teacher.id },
        { schoolId: school.id, externalId: '10 Б', name: '10 Б', gradeLevel: 10 },
        { schoolId: school.id, externalId: '11А', name: '11А', gradeLevel: 11 },
        { schoolId: school.id, externalId: 'LYC', name: 'Лицейский', gradeLevel: 7 },
        { schoolId: school.id, externalId: 'KK', name: 'Коррекционный', gradeLevel: null },
        { schoolId: school.id, externalId: 'ROBO', name: 'Робототехника', kind: 'club' },
      ])
      .returning();
    const g = Object.fromEntries(made.map((r) => [r.externalId!, r]));
    const pupil = (group: string, lastName: string) => seed.student(g[group]!.id, { lastName }, '2026-09-01');
    const fifth = await pupil('5А', 'Пятов');
    const tenth = await pupil('10 Б', 'Десятова');
    const leaver = await pupil('11А', 'Выпускников');
    await pupil('LYC', 'Лицеев');
    await pupil('KK', 'Особый');
    await app.db.db.insert(enrollments).values({ studentId: fifth.id, groupId: g.ROBO!.id, fromDate: '2026-09-15' });
    const [english] = await app.db.db
      .insert(groups)
      .values({ schoolId: school.id, externalId: '5А-en', name: 'гр. 1', kind: 'subgroup', parentGroupId: g['5А']!.id })
      .returning();
    g[english!.externalId!] = english!;
    await app.db.db.insert(enrollments).values({ studentId: fifth.id, groupId: english!.id, fromDate: '2026-09-01' });
    const parent = await seed.user(['parent'], { lastName: 'Выпускникова' });
    await seed.guardian(parent.id, leaver.id);
    const course = await seed.course(g['5А']!.id, teacher.id);
    const lesson = await seed.lesson(course, '2027-05-20');
    return { school, auth, teacher, g, fifth, tenth, leaver, parent, lesson };
  }
  const promote = (auth: Record<string, string>, payload: unknown) =>
    app.http!.inject({ method: 'POST', url: '/v1/year/promote', headers: auth, payload: payload as object });
  const groupCount = async (schoolId: number) => (await app.db.db.select().from(groups).where(eq(groups.schoolId, schoolId))).length;

  it('shows the whole plan in a dry run, applies it, and a second run changes nothing', async () => {
    const s = await yearEndSchool();
    const dry = await promote(s.auth, { date: '2027-09-01', dryRun: true });
    expect(dry.statusCode).toBe(200);
    const plan = dry.json();
    expect(plan.graduateLevels).toEqual([11]);
    expect(
      plan.classes.map((c: { from: { name: string }; to: { name: string; externalId: string; gradeLevel: number } }) => [
        c.from.name,
        c.to.name,
        c.to.externalId,
        c.to.gradeLevel,
      ]),
    ).toEqual([
      ['5А', '6А', '6А', 6],
      ['10 Б', '11 Б', '11 Б', 11],
    ]);
    expect(plan.classes[0].archivedExternalId).toBe('5А (2026/2027)');
    expect(plan.graduatingClasses.map((c: { name: string }) => c.name)).toEqual(['11А']);
    expect(plan.graduates.map((g: { name: string; reason: string }) => [g.name, g.reason])).toEqual([['Выпускников Пётр', 'graduated']]);
    expect(plan.problems.map((p: { name: string }) => p.name)).toEqual(['Лицейский', 'Коррекционный']);
    expect(await groupCount(s.school.id)).toBe(7);

    const done = await promote(s.auth, { date: '2027-09-01', rename: [{ from: 'LYC', to: { externalId: 'LYC-8', name: '8 Лицейский' } }] });
    expect(done.statusCode).toBe(200);
    expect(done.json().classes).toHaveLength(3);
    expect(done.json().problems.map((p: { name: string }) => p.name)).toEqual(['Коррекционный']);
    const six = (await app.db.db.select().from(groups).where(eq(groups.schoolId, s.school.id))).find((x) => x.externalId === '6А')!;
    expect(six).toMatchObject({ name: '6А', gradeLevel: 6, kind: 'class', classTeacherId: s.teacher.id });
    const old = (await app.db.db.select().from(groups).where(eq(groups.id, s.g['5А']!.id)))[0]!;
    expect([old.name, old.externalId, old.gradeLevel]).toEqual(['5А', '5А (2026/2027)', 5]);

    const history = await app.db.db.select().from(enrollments).where(eq(enrollments.studentId, s.fifth.id)).orderBy(enrollments.id);
    expect(history.map((e) => [e.groupId, e.fromDate, e.toDate, e.reason])).toEqual([
      [s.g['5А']!.id, '2026-09-01', '2027-08-31', null],
      [s.g.ROBO!.id, '2026-09-15', null, null],
      // Last year's subgroup ends with its class; the club goes on.
      [s.g['5А-en']!.id, '2026-09-01', '2027-08-31', null],
      [six.id, '2027-09-01', null, 'promotion'],
    ]);
    // Last year's journal stays under last year's class.
    expect((await app.db.db.select().from(lessons).where(eq(lessons.id, s.lesson.id)))[0]!.groupId).toBe(s.g['5А']!.id);

    const leaver = await app.db.db.select().from(enrollments).where(eq(enrollments.studentId, s.leaver.id));
    expect(leaver.map((e) => [e.toDate, e.endReason])).toEqual([['2027-08-31', 'graduated']]);
    const [link] = await app.db.db.select().from(guardianships).where(eq(guardianships.studentId, s.leaver.id));
    expect([link!.endedOn, link!.endReason]).toEqual(['2027-09-01', 'graduated']);

    const count = await groupCount(s.school.id);
    const again = await promote(s.auth, { date: '2027-09-01' });
    expect(again.json()).toMatchObject({ classes: [], graduates: [], graduatingClasses: [] });
    expect(await groupCount(s.school.id)).toBe(count);
    const all = await app.db.db
      .select()
      .from(enrollments)
      .where(inArray(enrollments.studentId, [s.fifth.id, s.tenth.id, s.leaver.id]));
    expect(all).toHaveLength(7);
  });

  it('the CLI runs the same service, dry run first', async () => {
    const s = await yearEndSchool();
    const dry = await cli(app, 'year:promote', { school: String(s.school.id), date: '2027-09-01', 'dry-run': true });
    expect(dry.code).toBe(0);
    expect(dry.text).toContain('5А -> 6А\t1 students');
    expect(dry.text).toContain('11А -> graduated');
    expect(dry.text).toContain('SKIPPED Лицейский');
    expect(dry.text).toContain('dry run: nothing changed');
    expect(await groupCount(s.school.id)).toBe(7);
    const run = await cli(app, 'year:promote', { school: String(s.school.id), date: '2027-09-01', graduate: '11' });
    expect(run.text).toContain('done: 2 classes moved up, 1 graduates withdrawn.');
    expect(await groupCount(s.school.id)).toBe(9);
  });

  it('refuses bad input and a closed year, and writes nothing', async () => {
    const s = await yearEndSchool();
    const bad = await promote(s.auth, {
      date: '2027-09-01',
      graduateLevels: [0, 11],
      rename: [{ from: 'NOPE', to: { externalId: ' ', name: '6Х' } }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'graduateLevels/0',
      'rename/0/from',
      'rename/0/to/externalId',
    ]);
    expect((await promote(s.auth, { date: '1.9.2027' })).statusCode).toBe(400);
    expect((await promote(s.auth, { date: '2027-09-01', extra: 1 })).statusCode).toBe(400);
    expect((await promote(s.auth, { date: '2027-09-01', graduateLevels: ['11'] })).statusCode).toBe(400);
    await app.db.db.insert(closedYears).values({ schoolId: s.school.id, fromDate: '2027-09-01', toDate: '2028-08-31' });
    const closed = await promote(s.auth, { date: '2027-09-01' });
    expect([closed.statusCode, closed.json().error.code]).toEqual([409, 'read_only']);
    expect(await groupCount(s.school.id)).toBe(7);
    expect((await app.db.db.select().from(enrollments).where(eq(enrollments.studentId, s.fifth.id))).every((e) => e.toDate === null)).toBe(
      true,
    );
  });
});

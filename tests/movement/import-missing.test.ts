import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { consents, enrollments, guardianships, students } from '../../src/db/schema/index.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { countRows } from '../roster/helpers.js';

describe('roster import with withdrawMissing, and a student who comes back', () => {
  const clock = manualClock('2026-09-01T05:00:00Z');
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock });
    await app.http!.ready();
  });
  afterAll(() => app?.stop());

  const pupil = (externalId: string, lastName: string, groupExternalId: string) => ({
    externalId,
    lastName,
    firstName: 'Тест',
    groupExternalId,
  });
  const roster = {
    groups: [
      { externalId: '5А', name: '5А' },
      { externalId: '6Б', name: '6Б' },
    ],
    students: [pupil('S1', 'Антонов', '5А'), pupil('S2', 'Борисова', '5А'), pupil('S3', 'Васильев', '6Б')],
    parents: [{ externalId: 'P2', lastName: 'Борисова', firstName: 'Елена', childrenExternalIds: ['S2'] }],
  };
  const post = (auth: Record<string, string>, body: unknown, query = '') =>
    app.http!.inject({ method: 'POST', url: `/v1/roster${query}`, headers: auth, payload: body as object });
  const csv = (auth: Record<string, string>, text: string, query: string) =>
    app.http!.inject({
      method: 'POST',
      url: `/v1/roster/students${query}`,
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: text,
    });

  it('lists the missing students in a dry run, withdraws them when applied, and refuses a partial import', async () => {
    const { school, auth } = await createSchool(app);
    expect((await post(auth, roster)).statusCode).toBe(200);
    const idOf = async (ext: string) =>
      (await app.db.db.select().from(students).where(eq(students.externalId, ext))).find((s) => s.schoolId === school.id)!.id;

    const partial = await post(auth, { groups: roster.groups, withdrawMissing: true });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().error.details[0]).toMatchObject({ path: 'withdrawMissing' });
    const staffOnly = await app.http!.inject({
      method: 'POST',
      url: '/v1/roster/staff?withdrawMissing=true',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: 'ID;Фамилия;Имя;Роли\nT1;Смирнова;Ольга;учитель\n',
    });
    expect(staffOnly.statusCode).toBe(422);

    const without = { ...roster, students: [roster.students[0]!] };
    const dry = await post(auth, { ...without, withdrawMissing: true }, '?dryRun=true&effectiveDate=2026-10-15');
    expect(dry.statusCode).toBe(200);
    expect(dry.json().withdrawn.map((w: { name: string; className: string }) => [w.name, w.className])).toEqual([
      ['Борисова Тест', '5А'],
      ['Васильев Тест', '6Б'],
    ]);
    expect(await countRows(app, enrollments, eq(enrollments.studentId, await idOf('S2')))).toBe(1);
    expect(
      (
        await app.db.db
          .select()
          .from(enrollments)
          .where(eq(enrollments.studentId, await idOf('S2')))
      )[0]!.toDate,
    ).toBeNull();

    // Without the option nothing is withdrawn; the list stays empty.
    expect((await post(auth, without, '?dryRun=true')).json().withdrawn).toEqual([]);

    const applied = await csv(auth, 'Класс;ID ученика;Фамилия;Имя\n5А;S1;Антонов;Тест\n', '?withdrawMissing=true&effectiveDate=2026-10-15');
    expect(applied.statusCode).toBe(200);
    expect(applied.json().withdrawn.map((w: { externalId: string }) => w.externalId)).toEqual(['S2', 'S3']);
    const s2 = await app.db.db
      .select()
      .from(enrollments)
      .where(eq(enrollments.studentId, await idOf('S2')));
    expect(s2.map((e) => [e.toDate, e.endReason])).toEqual([['2026-10-14', 'not in the roster import']]);
    const [link] = await app.db.db
      .select()
      .from(guardianships)
      .where(eq(guardianships.studentId, await idOf('S2')));
    expect([link!.endedOn, link!.endReason]).toEqual(['2026-10-15', 'not in the roster import']);
    // A second run finds nobody else missing.
    expect(
      (await csv(auth, 'Класс;ID ученика;Фамилия;Имя\n5А;S1;Антонов;Тест\n', '?withdrawMissing=true&effectiveDate=2026-10-20')).json()
        .withdrawn,
    ).toEqual([]);
  });

  it('a returning student gets a new enrollment; the guardian link restarts and the parent must consent again', async () => {
    const { school, auth } = await createSchool(app);
    await post(auth, roster);
    const [s2] = (await app.db.db.select().from(students).where(eq(students.schoolId, school.id))).filter((s) => s.externalId === 'S2');
    const [parent] = await app.db.db.select().from(guardianships).where(eq(guardianships.studentId, s2!.id));
    const parentP = { kind: 'user' as const, userId: parent!.parentId, schoolId: school.id, roles: ['parent' as const] };
    await app.services.family.grantConsent(parentP);
    const left = await app.http!.inject({
      method: 'POST',
      url: `/v1/students/${s2!.id}/withdraw`,
      headers: auth,
      payload: { date: '2026-10-15', reason: 'переезд' },
    });
    expect(left.statusCode).toBe(200);

    // Named by the parent only (not enrolled again): the link stays ended.
    await post(auth, { parents: roster.parents });
    expect((await app.db.db.select().from(guardianships).where(eq(guardianships.studentId, s2!.id)))[0]!.endedOn).toBe('2026-10-15');

    const back = await post(auth, { students: [roster.students[1]!], parents: roster.parents }, '?effectiveDate=2027-01-12');
    expect(back.json()).toMatchObject({ enrollments: { opened: 1, closed: 0 }, guardianships: { updated: 1 } });
    const history = await app.db.db.select().from(enrollments).where(eq(enrollments.studentId, s2!.id)).orderBy(enrollments.fromDate);
    expect(history.map((e) => [e.fromDate, e.toDate, e.endReason])).toEqual([
      ['2026-09-01', '2026-10-14', 'переезд'],
      ['2027-01-12', null, null],
    ]);
    expect((await app.db.db.select().from(guardianships).where(eq(guardianships.studentId, s2!.id)))[0]!.endedOn).toBeNull();
    const [consent] = await app.db.db.select().from(consents).where(eq(consents.parentId, parent!.parentId));
    expect(consent!.withdrawnAt).not.toBeNull();
    expect((await app.services.family.consentStatus(parentP)).granted).toBe(false);
    await app.services.family.grantConsent(parentP);
    expect((await app.services.family.children(parentP)).map((c) => c.lastName)).toEqual(['Борисова']);
  });
});

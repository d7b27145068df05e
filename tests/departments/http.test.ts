import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

describe('PUT and GET /v1/departments', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
    await app.http!.ready();
  });
  afterAll(() => app?.stop());

  const put = (headers: Record<string, string>, payload: unknown) =>
    app.http!.inject({ method: 'PUT', url: '/v1/departments', headers, payload: payload as object });
  const list = async (headers: Record<string, string>) =>
    (await app.http!.inject({ method: 'GET', url: '/v1/departments', headers })).json().departments;

  async function school() {
    const s = await createSchool(app);
    const seed = seeder(app, s.school.id);
    const head = await seed.user(['teacher', 'head_of_department']);
    const listed = await seed.user(['teacher']);
    const physicist = await seed.user(['teacher']);
    const other = await seed.user(['teacher']);
    const group = await seed.group('7Б');
    const physics = await seed.course(group.id, physicist.id, 'Физика');
    await seed.course(group.id, other.id, 'История');
    return { ...s, seed, head, listed, physicist, other, physicsId: physics.subjectId };
  }

  it('checks in a dry run, loads, lists members by name and by subject, and a second load replaces the first', async () => {
    const s = await school();
    const body = {
      departments: [
        { name: ' Естественные  науки ', headId: s.head.id, teacherIds: [s.listed.id, s.listed.id], subjectIds: [s.physicsId] },
      ],
    };
    const dry = await put(s.auth, { ...body, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      replaced: 0,
      departments: [{ name: 'Естественные науки', headId: s.head.id, teacherIds: [s.listed.id], subjectIds: [s.physicsId] }],
    });
    expect(await list(s.auth)).toEqual([]);

    expect((await put(s.auth, body)).json()).toMatchObject({ dryRun: false, replaced: 0 });
    const [stored] = await list(s.auth);
    expect(stored).toMatchObject({ name: 'Естественные науки', headId: s.head.id });
    expect(stored.memberIds).toEqual([s.listed.id, s.physicist.id].sort((a, b) => a - b));
    expect(await app.services.departments.headedBy(s.school.id, s.head.id)).toHaveLength(1);

    // The same load again is idempotent; an empty list removes everything.
    expect((await put(s.auth, body)).json()).toMatchObject({ replaced: 1 });
    expect(await list(s.auth)).toHaveLength(1);
    expect((await put(s.auth, { departments: [] })).json()).toMatchObject({ replaced: 1, departments: [] });
    expect(await list(s.auth)).toEqual([]);
  });

  it('names every problem at once and writes nothing', async () => {
    const s = await school();
    const parent = await s.seed.user(['parent']);
    const elsewhere = await school();
    await put(s.auth, { departments: [{ name: 'Гуманитарии', headId: s.head.id, teacherIds: [s.other.id] }] });
    const bad = await put(s.auth, {
      departments: [
        { name: 'Математика', headId: parent.id, teacherIds: [s.listed.id, elsewhere.listed.id] },
        { name: ' математика', headId: 999999, subjectIds: [elsewhere.physicsId] },
        { name: '  ', headId: s.head.id },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      { path: 'departments[0].headId', message: `user ${parent.id} is not staff` },
      { path: 'departments[0].teacherIds', message: `no user ${elsewhere.listed.id} in this school` },
      { path: 'departments[1].name', message: '«математика» is already departments[0]' },
      { path: 'departments[1].headId', message: 'no user 999999 in this school' },
      { path: 'departments[1].subjectIds', message: `no subject ${elsewhere.physicsId} in this school` },
      { path: 'departments[2].name', message: 'the name is empty' },
      { path: 'departments[2]', message: 'no teachers and no subjects: the department would be empty' },
    ]);
    expect((await list(s.auth)).map((d: { name: string }) => d.name)).toEqual(['Гуманитарии']);
    expect(await list(elsewhere.auth)).toEqual([]);

    expect((await put(s.auth, { departments: [{ name: 'X', headId: 'one' }] })).statusCode).toBe(400);
    expect((await put(s.auth, { departments: [{ name: 'X', headId: s.head.id, teacherIds: [0] }] })).statusCode).toBe(400);
    expect((await put(s.auth, { departments: [], dryRun: 'yes' })).statusCode).toBe(400);
  });
});

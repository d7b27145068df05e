import type { App } from '../../src/app.js';
import type { Principal, Role } from '../../src/domain/shared/principal.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

/** 12:00 in Moscow on Wednesday 2026-10-14: "today" for every journal test unless moved. */
export const NOW = '2026-10-14T09:00:00Z';
export const TODAY = '2026-10-14';

export function testClock() {
  return manualClock(NOW);
}

export function asUser(user: { id: number; schoolId: number; roles: string[] }): Principal {
  return { kind: 'user', userId: user.id, schoolId: user.schoolId, roles: user.roles as Role[] };
}

/** A school with a class of three students, its teacher, a colleague, a substitute and the administration. */
export async function journalSchool(app: App, policy: Record<string, unknown> = {}) {
  const { school, auth } = await createSchool(app);
  if (Object.keys(policy).length) await app.services.schools.updatePolicy({ kind: 'system' }, school.id, policy);
  const seed = seeder(app, school.id);
  const teacher = await seed.user(['teacher'], { lastName: 'Смирнова' });
  const colleague = await seed.user(['teacher'], { lastName: 'Кузнецов' });
  const substitute = await seed.user(['teacher'], { lastName: 'Попова' });
  const classTeacher = await seed.user(['teacher', 'class_teacher'], { lastName: 'Волкова' });
  const deputy = await seed.user(['deputy_director'], { lastName: 'Соколов' });
  const group = await seed.group('5А', classTeacher.id);
  const ivanov = await seed.student(group.id, { lastName: 'Иванов', firstName: 'Иван' });
  const abramova = await seed.student(group.id, { lastName: 'Абрамова', firstName: 'Анна' });
  const yolkin = await seed.student(group.id, { lastName: 'Ёлкин', firstName: 'Егор' });
  const course = await seed.course(group.id, teacher.id, 'Математика');
  return {
    school,
    auth,
    seed,
    teacher,
    colleague,
    substitute,
    classTeacher,
    deputy,
    group,
    course,
    students: { ivanov, abramova, yolkin },
    api: { kind: 'api', schoolId: school.id } as Principal,
    as: asUser,
  };
}

export async function auditCount(app: App, schoolId: number, entity: string): Promise<number> {
  return (await app.services.uow.repos.audit.list({ schoolId, entity, limit: 10_000 })).length;
}

/** The hooks of a journal suite: one app on the test clock, handed to `use`; the clock back at NOW before each test. */
export function journalSuite(clock: ReturnType<typeof testClock>, use: (app: App) => void): void {
  let app: App | undefined;
  beforeAll(async () => {
    app = await createTestApp({ clock });
    use(app);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => app?.stop());
}

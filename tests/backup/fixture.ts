import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { App } from '../../src/app.js';
import { openPostgres } from '../../src/db/connect.js';
import { consents } from '../../src/db/schema/index.js';
import { journalSchool, TODAY } from '../journal/fixture.js';

export const tempDir = () => mkdtemp(join(tmpdir(), 'sj-backup-'));

/** Every row of every table but `backups`, as sorted JSON lines per table: row sets, not counts. */
export async function rowSets(app: App): Promise<Record<string, string[]>> {
  const tables = await app.db.sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'backups' order by 1`;
  const out: Record<string, string[]> = {};
  for (const { name } of tables) out[name] = (await app.db.sql.unsafe(`select * from "${name}"`)).map((r) => JSON.stringify(r)).sort();
  return out;
}

/** Databases of the server whose name starts with `prefix` (scratch and kept copies). */
export async function databasesLike(prefix: string): Promise<string[]> {
  const admin = openPostgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
  try {
    return (await admin<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${prefix}) order by 1`).map(
      (r) => r.datname,
    );
  } finally {
    await admin.end();
  }
}

/**
 * A school with a day of journal work done through the services: lessons, attendance with an
 * absence (its outbox notice for the consenting parent), grades, and the audit rows of all that.
 */
export async function loadedSchool(app: App) {
  const s = await journalSchool(app);
  const parent = await s.seed.user(['parent'], { lastName: 'Иванова', firstName: 'Ольга' });
  await s.seed.guardian(parent.id, s.students.ivanov.id);
  await app.db.db.insert(consents).values({ parentId: parent.id, version: '1', via: 'bot' });
  const teacher = s.as(s.teacher);
  const first = await s.seed.lesson(s.course, TODAY, '09:00');
  const second = await s.seed.lesson(s.course, TODAY, '10:00');
  await app.services.journal.saveAttendance(teacher, first.id, {
    marks: [{ studentId: s.students.ivanov.id, status: 'absent', reason: 'без причины' }],
  });
  await app.services.journal.saveAttendance(teacher, second.id, { allPresent: true });
  await app.services.journal.addGrades(teacher, first.id, [
    { studentId: s.students.abramova.id, value: '5' },
    { studentId: s.students.yolkin.id, value: '3', comment: 'у доски' },
  ]);
  return { ...s, lessons: [first, second] };
}

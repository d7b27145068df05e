import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { localSocketUrlOf } from '../../src/db/connect.js';
import { knownMigrations } from '../../src/db/migrate.js';
import type { BackupManifest } from '../../src/domain/backup/index.js';
import { manifestPathOf } from '../../src/jobs/backup/backup-files.js';
import { createSchool, createTestApp, isolatedDatabaseUrl } from '../helpers/app.js';
import { cli } from '../helpers/cli.js';
import { testClock } from '../journal/fixture.js';
import { databasesLike, loadedSchool, rowSets, tempDir } from './fixture.js';

/** A copy of the backup under another name, its manifest changed by `edit`. */
async function copyOf(path: string, name: string, edit: (m: BackupManifest) => unknown = (m) => m): Promise<string> {
  const copy = path.replace(/backup-[^/]+\.dump$/, `${name}.dump`);
  await copyFile(path, copy);
  const manifest = JSON.parse(await readFile(manifestPathOf(path), 'utf8')) as BackupManifest;
  await writeFile(manifestPathOf(copy), JSON.stringify(edit(manifest)));
  return copy;
}

// Each dump and restore runs PostgreSQL's tools: slow on a loaded machine, hence the timeouts.
describe('backup of a loaded school: verify and restore', { timeout: 120_000 }, () => {
  const clock = testClock();
  let url = '';
  let dir = '';
  let database = '';
  let app: App;
  let path = '';
  let manifest: BackupManifest;
  let before: Record<string, string[]>;
  const open = () => createTestApp({ clock, env: { DATABASE_URL: url, BACKUP_DIR: dir } });

  beforeAll(async () => {
    url = await isolatedDatabaseUrl();
    database = new URL(url).pathname.slice(1);
    dir = await tempDir();
    app = await open();
    await loadedSchool(app);
    before = await rowSets(app);
    ({ path, manifest } = await app.services.backup.create());
  }, 120_000);
  afterAll(() => app?.stop());

  it('writes a manifest with the schema version, the rows of every table and the dump checksum', async () => {
    expect(before.lessons).toHaveLength(2);
    expect(before.attendance).toHaveLength(6);
    expect(before.grades).toHaveLength(2);
    expect(before.notifications!.length).toBeGreaterThan(0);
    expect(before.audit_log!.length).toBeGreaterThan(0);
    expect(manifest.schema).toMatchObject({ lastTag: knownMigrations().at(-1)!.tag, migrations: knownMigrations().length });
    expect(Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, rows.length]))).toEqual(manifest.tables);
    expect(manifest.database).toBe(database);
    expect(manifest.dump.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await app.services.backup.lastSuccessfulBackupAt()).toEqual(clock.now());
  });

  it('verifies by restoring into a scratch database, which is dropped afterwards', async () => {
    expect(await app.services.backup.verify(path)).toMatchObject({ ok: true, problems: [] });
    expect(await databasesLike(`${database}_verify`)).toEqual([]);
  });

  it('finds a dump that was changed after the backup by its checksum', async () => {
    const tampered = await copyOf(path, 'tampered');
    const bytes = await readFile(tampered);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(tampered, bytes);
    const result = await app.services.backup.verify(tampered);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.stringMatching(/^checksum: /)]);
  });

  it('finds a manifest that does not describe the dump: counts, schema version, shape', async () => {
    const counts = await copyOf(path, 'counts', (m) => ({ ...m, tables: { ...m.tables, lessons: 3, grades: 1 } }));
    expect((await app.services.backup.verify(counts)).problems).toEqual([
      'table grades: manifest 1 rows, restored 2',
      'table lessons: manifest 3 rows, restored 2',
    ]);
    const schema = await copyOf(path, 'schema', (m) => ({ ...m, schema: { ...m.schema, migrations: m.schema.migrations - 1 } }));
    expect((await app.services.backup.verify(schema)).problems).toEqual([
      expect.stringMatching(/^schema version: manifest \d+ migrations/),
    ]);
    const shape = await copyOf(path, 'shape', (m) => ({ ...m, format: 'other', tables: { lessons: 'two' } }));
    expect((await app.services.backup.verify(shape)).problems).toEqual([
      'manifest: format must be school-journal-backup/1',
      'manifest: tables must map table names to row counts',
    ]);
    expect(await databasesLike(`${database}_verify`)).toEqual([]);
  });

  it('refuses to restore without confirmation, and while a process uses the database', async () => {
    await expect(app.services.backup.restore(path, { confirmed: false })).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('--yes'),
    });
    await app.db.ping();
    await expect(app.services.backup.restore(path, { confirmed: true })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/stop every web and worker process .* \(\d+ connected\)$/),
    });
    expect(await databasesLike(`${database}_restore`)).toEqual([]);
    expect(await databasesLike(`${database}_pre_restore`)).toEqual([]);
    expect(await rowSets(app)).toEqual(before);
  });

  it('restores the journal, outbox and audit exactly as they were, keeping the replaced database', async () => {
    // Work after the backup, which the restore must take back.
    await app.db.sql`delete from grades`;
    await app.db.sql`update notifications set status = 'sent'`;
    await createSchool(app);
    expect(await rowSets(app)).not.toEqual(before);
    await app.stop();

    // No process may hold a connection: this app's pool stays unused, the engine opens its own.
    const restorer = await open();
    const { keptAs } = await restorer.services.backup.restore(path, { confirmed: true });
    await restorer.stop();
    app = await open();
    expect(await rowSets(app)).toEqual(before);
    expect(await databasesLike(`${database}_pre_restore`)).toEqual([keptAs]);
    expect(await databasesLike(`${database}_restore`)).toEqual([]);
  });
});

describe('restoring a backup from newer code', { timeout: 120_000 }, () => {
  const clock = testClock();
  let app: App;
  let url = '';
  let dir = '';
  const open = () => createTestApp({ clock, env: { DATABASE_URL: url, BACKUP_DIR: dir } });

  beforeAll(async () => {
    url = await isolatedDatabaseUrl();
    dir = await tempDir();
    app = await open();
  });
  afterAll(() => app?.stop());

  it('refuses a schema newer than the code knows, even when the manifest hides it', async () => {
    // What a newer release leaves: one more applied migration than this code ships.
    const future = knownMigrations().at(-1)!.createdAt + 86_400_000;
    await app.db.sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-release', ${future})`;
    const { path, manifest } = await app.services.backup.create();
    expect(manifest.schema).toMatchObject({ lastCreatedAt: future, lastTag: null });
    await createSchool(app, { name: 'Школа после резервной копии' });
    const rows = await rowSets(app);
    await app.stop();
    const restorer = await open();
    try {
      await expect(restorer.services.backup.restore(path, { confirmed: true })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining("the backup's schema is newer than this code knows"),
      });
      // A manifest edited to look current does not get it through: the restored copy is checked too.
      const known = knownMigrations().at(-1)!;
      const disguised = await copyOf(path, 'disguised', (m) => ({
        ...m,
        schema: { migrations: m.schema.migrations, lastCreatedAt: known.createdAt, lastTag: known.tag },
      }));
      await expect(restorer.services.backup.restore(disguised, { confirmed: true })).rejects.toMatchObject({
        code: 'conflict',
        details: expect.arrayContaining([{ message: expect.stringContaining("the backup's schema is newer") }]),
      });
    } finally {
      await restorer.stop();
    }
    app = await open();
    expect(await rowSets(app)).toEqual(rows);
    const database = new URL(url).pathname.slice(1);
    expect(await databasesLike(`${database}_restore`)).toEqual([]);
    expect(await databasesLike(`${database}_pre_restore`)).toEqual([]);
  });
});

describe('the backup commands over a Unix-socket DATABASE_URL (host=/directory)', { timeout: 120_000 }, () => {
  let app: App;
  afterAll(() => app?.stop());

  it('backup:create writes a backup that backup:verify passes, and backup:restore wants --yes', async () => {
    const socketUrl = await localSocketUrlOf(await isolatedDatabaseUrl());
    if (!socketUrl) throw new Error('the test PostgreSQL has no Unix socket on this machine to test with');
    app = await createTestApp({ clock: testClock(), env: { DATABASE_URL: socketUrl, BACKUP_DIR: await tempDir() } });
    const created = await cli(app, 'backup:create', {});
    expect(created.code).toBe(0);
    const path = /^backup=(.+)$/m.exec(created.text)![1]!;
    expect(created.text).toMatch(new RegExp(`^schema=${knownMigrations().at(-1)!.tag}$`, 'm'));
    expect(await cli(app, 'backup:verify', {}, [path])).toEqual({
      code: 0,
      text: expect.stringMatching(/^OK: checksum, schema version and row counts of \d+ tables match\n$/),
    });
    await expect(cli(app, 'backup:restore', {}, [path])).rejects.toThrow(/--yes/);
  });
});

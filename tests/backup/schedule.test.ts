import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createBackupRuntime } from '../../src/jobs/backup/runtime.js';
import { createTestApp, isolatedDatabaseUrl, manualClock } from '../helpers/app.js';
import { tempDir } from './fixture.js';

const HOUR = 3_600_000;

describe('scheduled backups (BACKUP_SCHEDULE, BACKUP_KEEP)', { timeout: 120_000 }, () => {
  const apps: App[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
  });

  function capture() {
    const lines: string[] = [];
    return { lines, logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) };
  }

  it('two workers take one backup per slot and prune the directory to BACKUP_KEEP', async () => {
    const dir = await tempDir();
    const env = {
      DATABASE_URL: await isolatedDatabaseUrl(),
      BACKUP_DIR: dir,
      BACKUP_SCHEDULE: 'daily 03:00 Europe/Moscow',
      BACKUP_KEEP: '2',
    };
    // 03:10 in Moscow on 1 December, on each worker's own clock.
    const clocks = [manualClock('2026-12-01T00:10:00Z'), manualClock('2026-12-01T00:10:00Z')];
    for (const clock of clocks) apps.push(await createTestApp({ clock, env, role: 'worker' }));
    const { logger, lines } = capture();
    const workers = apps.map((app) => createBackupRuntime({ backup: app.services.backup, logger }));

    for (let day = 0; day < 4; day++) {
      const runs = await Promise.all(workers.map((w) => w.tick()));
      expect(runs.map((r) => r!.outcome).sort()).toEqual(['claimed-elsewhere', 'done']);
      // Later the same day the slot is taken: neither worker backs up again.
      for (const clock of clocks) clock.advance(6 * HOUR);
      expect((await Promise.all(workers.map((w) => w.tick()))).map((r) => r!.outcome)).toEqual(['claimed-elsewhere', 'claimed-elsewhere']);
      for (const clock of clocks) clock.advance(18 * HOUR);
    }

    const rows = await apps[0]!.db.sql<{ slot: string; ok: boolean; file: string }[]>`select slot, ok, file from backups order by slot`;
    expect(rows.map((r) => [r.slot, r.ok])).toEqual(['01', '02', '03', '04'].map((d) => [`2026-12-${d}T00:00:00.000Z`, true]));
    expect((await readdir(dir)).sort()).toEqual([
      'backup-20261203T001000Z.dump',
      'backup-20261203T001000Z.manifest.json',
      'backup-20261204T001000Z.dump',
      'backup-20261204T001000Z.manifest.json',
    ]);
    expect(await apps[1]!.services.backup.lastSuccessfulBackupAt()).toEqual(new Date('2026-12-04T00:10:00Z'));
    expect(lines.map((l) => JSON.parse(l) as { msg: string }).filter((l) => l.msg === 'scheduled backup written')).toHaveLength(4);
  });

  it('records a failed backup and logs it as one JSON line without the database password', async () => {
    const url = new URL(await isolatedDatabaseUrl());
    url.password = 'not-for-logs'; // the test server trusts local connections, so any password connects
    const notADir = join(await tempDir(), 'a-file');
    await writeFile(notADir, '');
    const clock = manualClock('2026-12-06T23:30:00Z');
    const app = await createTestApp({
      clock,
      role: 'worker',
      env: { DATABASE_URL: url.toString(), BACKUP_DIR: notADir, BACKUP_SCHEDULE: 'weekly sun 02:00 Europe/Moscow' },
    });
    apps.push(app);
    const { logger, lines } = capture();

    expect(await createBackupRuntime({ backup: app.services.backup, logger }).tick()).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('not-for-logs');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 50,
      msg: 'scheduled backup failed',
      slot: '2026-12-05T23:00:00.000Z',
      backupId: expect.any(Number),
      err: expect.any(String),
    });
    const [row] = await app.db.sql<
      { ok: boolean; error: string; finished: boolean }[]
    >`select ok, error, finished_at = ${clock.now().toISOString()}::timestamptz as finished from backups where id = ${line.backupId as number}`;
    expect(row).toEqual({ ok: false, error: line.err, finished: true });
    expect(await app.services.backup.lastSuccessfulBackupAt()).toBeNull();
  });

  it('keeps a new backup good when pruning the old ones fails', async () => {
    const dir = await tempDir();
    // An old "backup" whose dump is a directory: deleting it fails.
    await mkdir(join(dir, 'backup-20200101T000000Z.dump'));
    await writeFile(join(dir, 'backup-20200101T000000Z.manifest.json'), '{}');
    const clock = manualClock('2026-12-04T00:10:00Z');
    const app = await createTestApp({ clock, env: { DATABASE_URL: await isolatedDatabaseUrl(), BACKUP_DIR: dir, BACKUP_KEEP: '1' } });
    apps.push(app);

    const created = await app.services.backup.create();
    expect(created.pruned).toEqual([]);
    expect(created.pruneError).toEqual(expect.any(String));
    expect(await app.services.backup.verify(created.path)).toMatchObject({ ok: true });
    expect(await app.services.backup.lastSuccessfulBackupAt()).toEqual(clock.now());
  });
});

import { describe, expect, it } from 'vitest';
import { createConfig } from '../../src/config.js';
import { pgEnvOf } from '../../src/db/backup/pg-env.js';
import { chooseToPrune, latestSlot, parseBackupSchedule, schemaProblem, type BackupSchedule } from '../../src/domain/backup/index.js';

describe('BACKUP_SCHEDULE', () => {
  it('reads off, daily and weekly with an optional timezone, and says what is wrong', () => {
    expect(parseBackupSchedule('off')).toBeNull();
    expect(parseBackupSchedule('daily 03:00')).toEqual({ every: 'daily', weekday: null, time: '03:00', timezone: 'UTC' });
    expect(parseBackupSchedule(' weekly Sun 02:30  Asia/Novokuznetsk ')).toEqual({
      every: 'weekly',
      weekday: 7,
      time: '02:30',
      timezone: 'Asia/Novokuznetsk',
    });
    expect(parseBackupSchedule('hourly')).toMatch(/must be off/);
    expect(parseBackupSchedule('weekly 03:00')).toMatch(/needs a day/);
    expect(parseBackupSchedule('daily 3am')).toMatch(/HH:MM/);
    expect(parseBackupSchedule('daily 03:00 Mars/Olympus')).toMatch(/unknown timezone/);
    expect(() => createConfig({ BACKUP_SCHEDULE: 'daily 25:00' })).toThrow(/BACKUP_SCHEDULE the time must be HH:MM/);
    expect(() => createConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP must be an integer from 1/);
    expect(createConfig({}).backup).toEqual({ schedule: null, dir: './backups', keep: 7 });
  });

  it('puts every instant in the slot of the last scheduled time at or before it, in the schedule timezone', () => {
    const daily = parseBackupSchedule('daily 03:00 Europe/Moscow') as BackupSchedule;
    const slot = (iso: string, s: BackupSchedule = daily) => latestSlot(s, new Date(iso)).toISOString();
    expect(slot('2026-12-04T00:00:00Z')).toBe('2026-12-04T00:00:00.000Z'); // 03:00 Moscow exactly
    expect(slot('2026-12-03T23:59:00Z')).toBe('2026-12-03T00:00:00.000Z'); // 02:59 Moscow: still yesterday's
    expect(slot('2026-12-04T20:59:00Z')).toBe('2026-12-04T00:00:00.000Z'); // 23:59 Moscow
    const weekly = parseBackupSchedule('weekly sun 02:00 Europe/Moscow') as BackupSchedule;
    expect(slot('2026-12-06T23:00:00Z', weekly)).toBe('2026-12-05T23:00:00.000Z'); // Monday 02:00: Sunday's
    expect(slot('2026-12-12T22:59:00Z', weekly)).toBe('2026-12-05T23:00:00.000Z'); // next Sunday 01:59: still the last
    expect(slot('2026-12-12T23:00:00Z', weekly)).toBe('2026-12-12T23:00:00.000Z');
  });
});

describe('backup rules', () => {
  it('prunes the oldest backups beyond BACKUP_KEEP and never a file it did not name', () => {
    const names = [
      'backup-20261203T000000Z.dump',
      'backup-20261201T000000Z.dump',
      'notes.dump',
      'backup-20261204T000000Z.dump',
      'backup-20261202T000000Z.dump',
    ];
    expect(chooseToPrune(names, 2)).toEqual(['backup-20261202T000000Z.dump', 'backup-20261201T000000Z.dump']);
    expect(chooseToPrune(names, 10)).toEqual([]);
  });

  it('restores only schemas whose last migration this code ships', () => {
    const known = [
      { tag: '0000_init', createdAt: 1000 },
      { tag: '0001_next', createdAt: 2000 },
    ];
    expect(schemaProblem({ lastCreatedAt: 2000 }, known)).toBeNull();
    expect(schemaProblem({ lastCreatedAt: 1000 }, known)).toBeNull(); // older: npm run migrate takes it on
    expect(schemaProblem({ lastCreatedAt: 0 }, known)).toBeNull();
    expect(schemaProblem({ lastCreatedAt: 3000 }, known)).toMatch(/newer than this code knows.*0001_next/);
    expect(schemaProblem({ lastCreatedAt: 1500 }, known)).toMatch(/not one this code ships/);
  });
});

describe('connection settings for pg_dump and pg_restore', () => {
  it('go through libpq environment variables, the password never on the command line', () => {
    expect(pgEnvOf('postgres://app:p%40ss%3Aword@db.internal:5433/journal?sslmode=require')).toEqual({
      PGHOST: 'db.internal',
      PGPORT: '5433',
      PGUSER: 'app',
      PGPASSWORD: 'p@ss:word',
      PGDATABASE: 'journal',
      PGSSLMODE: 'require',
    });
  });

  it('read the Unix-socket form host=/directory as PGHOST', () => {
    expect(pgEnvOf('postgres://app@localhost/journal?host=/var/run/postgresql')).toEqual({
      PGHOST: '/var/run/postgresql',
      PGUSER: 'app',
      PGDATABASE: 'journal',
    });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { cli } from '../helpers/cli.js';
import { createTestApp, manualClock } from '../helpers/app.js';
import { NOW, reportSchool } from '../reports/fixture.js';

const YEAR = { from: '2026-09-01', to: '2026-10-31' };

function sha256sumCheck(dir: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' }) };
  } catch (err) {
    return { ok: false, output: String((err as { stdout?: string }).stdout ?? err) };
  }
}

describe('year-end archive', () => {
  let app: App;
  let s: Awaited<ReturnType<typeof reportSchool>>;
  const clock = manualClock(NOW);
  const dir = mkdtempSync(join(tmpdir(), 'sj-archive-'));

  beforeAll(async () => {
    app = await createTestApp({ clock, env: { ARCHIVE_DIR: dir } });
    s = await reportSchool(app);
    await app.services.journal.setTopic(s.api, s.lessons.l1.id, { topic: 'Натуральные числа' });
    await app.services.journal.setHomework(s.api, s.lessons.l1.id, '№ 12, 14');
  });
  afterAll(() => app.stop());

  it('refuses an unfinished year and a foreign school', async () => {
    await expect(app.services.archive.create(s.api, { schoolId: s.school.id, from: '2026-09-01', to: '2026-12-31' })).rejects.toMatchObject(
      { code: 'validation_failed' },
    );
    await expect(
      app.services.archive.create({ kind: 'api', schoolId: s.school.id + 100_000 }, { schoolId: s.school.id, ...YEAR }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('archives the year with SHA256SUMS, verified by the CLI and sha256sum -c; one changed byte fails both', async () => {
    const created = await cli(app, 'archive:create', { school: String(s.school.id), ...YEAR });
    expect(created.code).toBe(0);
    const path = /archive=(.+)/.exec(created.text)![1]!;
    expect(readdirSync(path).sort()).toEqual([
      'README.txt',
      'SHA256SUMS',
      'attendance.csv',
      'audit_log.jsonl',
      'courses.csv',
      'enrollments.csv',
      'grades.csv',
      'groups.csv',
      'lessons.csv',
      'manifest.json',
      'plan_items.csv',
      'staff.csv',
      'students.csv',
    ]);
    const lessons = readFileSync(join(path, 'lessons.csv'), 'utf8').split('\r\n');
    expect(lessons[0]).toContain('id,external_id,course_id');
    expect(lessons.filter((l) => l).length).toBe(1 + 6);
    expect(lessons.some((l) => l.includes('Натуральные числа') && l.includes('"№ 12, 14"'))).toBe(true);
    const attendance = readFileSync(join(path, 'attendance.csv'), 'utf8').trim().split('\r\n');
    expect(attendance.length).toBe(1 + 3 + 3 + 2 + 2 + 1 + 2);
    const manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ from: YEAR.from, to: YEAR.to, school: { id: s.school.id } });
    const audit = readFileSync(join(path, 'audit_log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.some((a) => a.entity === 'grade' && a.via === 'api')).toBe(true);

    expect(await cli(app, 'archive:verify', {}, [path])).toMatchObject({ code: 0, text: expect.stringContaining('OK: 12 files') });
    expect(sha256sumCheck(path).ok).toBe(true);

    const file = join(path, 'grades.csv');
    const original = readFileSync(file);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 1;
    writeFileSync(file, tampered);
    const failed = await cli(app, 'archive:verify', {}, [path]);
    expect(failed.code).toBe(1);
    expect(failed.text).toContain('FAILED grades.csv: checksum_mismatch');
    const check = sha256sumCheck(path);
    expect(check.ok).toBe(false);
    expect(check.output).toContain('grades.csv: FAILED');
    writeFileSync(file, original);
    writeFileSync(join(path, 'extra.txt'), 'x');
    expect((await app.services.archive.verify(path)).failures).toEqual([{ file: 'extra.txt', problem: 'not_listed' }]);
  });

  it('makes the year read-only: marks, grades, topics and imported grades are refused; a second archive conflicts', async () => {
    const j = app.services.journal;
    await expect(j.saveAttendance(s.api, s.lessons.l1.id, { allPresent: true })).rejects.toMatchObject({
      code: 'read_only',
      reason: 'closed_year',
    });
    await expect(j.addGrades(s.api, s.lessons.l2.id, [{ studentId: s.students.ivanov.id, value: '5' }])).rejects.toMatchObject({
      reason: 'closed_year',
    });
    await expect(j.setTopic(s.api, s.lessons.l2.id, { topic: 'Сложение' })).rejects.toMatchObject({ reason: 'closed_year' });
    const grade = (await j.getLesson(s.api, s.lessons.l1.id)).grades[0]!;
    await expect(j.removeGrade(s.api, grade.id)).rejects.toMatchObject({ reason: 'closed_year' });
    await expect(
      j.importGrades(s.api, [
        {
          externalId: 'x1',
          studentExternalId: s.students.ivanov.externalId!,
          courseExternalId: s.courses.mathA.externalId!,
          value: '5',
          kind: 'current',
          date: '2026-10-05',
        },
      ]),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(app.services.archive.create(s.api, { schoolId: s.school.id, from: '2026-10-01', to: '2026-10-10' })).rejects.toMatchObject(
      { code: 'conflict' },
    );
  });

  it('purges only archived closed years, only past the 5-year retention, and says what it would delete first', async () => {
    await expect(cli(app, 'retention:purge', { school: String(s.school.id), before: '2027-01-01' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    clock.set('2032-03-01T09:00:00Z');
    const dry = await cli(app, 'retention:purge', { school: String(s.school.id), before: '2027-01-01' });
    expect(dry.code).toBe(0);
    expect(dry.text).toContain('archived closed years: 2026-09-01..2026-10-31');
    expect(dry.text).toMatch(/lessons\t6\nattendance\t13\ngrades\t9\naudit_log\t\d+\n/);
    expect(dry.text).toContain('dry run: nothing deleted');
    expect((await app.services.journal.getLesson(s.api, s.lessons.l1.id)).lesson.id).toBe(s.lessons.l1.id);

    const done = await cli(app, 'retention:purge', { school: String(s.school.id), before: '2027-01-01', yes: true });
    expect(done.text).toMatch(/lessons\t6\nattendance\t13\ngrades\t9\n/);
    await expect(app.services.journal.getLesson(s.api, s.lessons.l1.id)).rejects.toMatchObject({ code: 'not_found' });
    const again = await app.services.archive.purge(s.api, { schoolId: s.school.id, before: '2027-01-01', dryRun: true });
    expect(again.counts).toEqual({ lessons: 0, attendance: 0, grades: 0, audit_log: 0 });
  });
});

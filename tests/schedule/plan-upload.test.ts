import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createBotSessionStore } from '../../src/db/repositories/bot-session-store.js';
import { createXlsxReader } from '../../src/documents/xlsx-reader.js';
import { createPlanUploadService, PlanFileError } from '../../src/domain/schedule/index.js';
import { readPlanFile as readPlanFileForTest } from '../../src/domain/schedule/plan-file.js';
import { asUser, journalSchool as teacherSchoolOf, journalSuite, NOW, testClock } from '../journal/fixture.js';

const file = (name: string, text: string) => ({ name, mimeType: null, bytes: Buffer.from(text, 'utf8') });

describe('plan upload: the pending dry run lives in PostgreSQL and the import is the API’s', () => {
  const clock = testClock();
  let app: App;
  journalSuite(clock, (a) => {
    app = a;
  });

  /** Another process (or this one after a restart): its own service and store over the same database. */
  const otherProcess = () =>
    createPlanUploadService({
      schedule: app.services.schedule,
      uow: app.services.uow,
      store: createBotSessionStore(app.db.db),
      clock,
      sheets: createXlsxReader(),
    });

  it('applies a dry run made by one process from another, once, as the course’s teacher', async () => {
    const s = await teacherSchoolOf(app);
    const teacher = asUser(s.teacher);
    await app.services.planUpload.askForFile(teacher, 'chat-1', s.course.id);
    const run = await app.services.planUpload.dryRun(teacher, 'chat-1', file('ktp.csv', 'Тема;Часы\nДроби;2\nПроценты;1\n'));
    expect(run).toMatchObject({ courseId: s.course.id, total: 2, created: 2, updated: 0, deleted: 0 });
    expect(await app.services.uow.repos.schedule.planItems(s.course.id)).toEqual([]);

    const report = await otherProcess().apply(teacher, 'chat-1', s.course.id, run.token);
    expect(report.items.map((i) => i.topic)).toEqual(['Дроби', 'Проценты']);
    await expect(otherProcess().apply(teacher, 'chat-1', s.course.id, run.token)).rejects.toMatchObject({ reason: 'stale' });
  });

  it('refuses another teacher, another chat’s dry run, and a dry run over a plan that changed since', async () => {
    const s = await teacherSchoolOf(app);
    const teacher = asUser(s.teacher);
    await expect(app.services.planUpload.askForFile(asUser(s.colleague), 'chat-2', s.course.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await app.services.planUpload.askForFile(teacher, 'chat-2', s.course.id);
    const run = await app.services.planUpload.dryRun(teacher, 'chat-2', file('ktp.csv', '1;Дроби;2\n'));
    await expect(app.services.planUpload.apply(asUser(s.colleague), 'chat-2', s.course.id, run.token)).rejects.toMatchObject({
      reason: 'stale',
    });
    await expect(app.services.planUpload.apply(teacher, 'chat-3', s.course.id, run.token)).rejects.toMatchObject({ reason: 'stale' });
    // The administrator loads a plan over the API meanwhile: the dry run no longer describes what «Применить» would do.
    await app.services.schedule.importPlan(s.api, { courseId: s.course.id }, [{ topic: 'Другое' }]);
    await expect(app.services.planUpload.apply(teacher, 'chat-2', s.course.id, run.token)).rejects.toMatchObject({ reason: 'changed' });
    expect((await app.services.uow.repos.schedule.planItems(s.course.id)).map((i) => i.topic)).toEqual(['Другое']);
    clock.set(NOW);
  });
});

describe('reading a plan file', () => {
  const sheets = createXlsxReader();

  it('reads the first sheet of an XLSX into the rows the CSV gives, formulas and rich text as shown', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('План');
    sheet.addRow(['№', 'Тема', 'Часы']);
    sheet.addRow([1, { richText: [{ text: 'Дроби ' }, { text: 'и доли', font: { bold: true } }] }, { formula: '1+1', result: 2 }]);
    sheet.addRow([2, 'Проценты', 1]);
    const fromXlsx = await readPlanFileForTest(
      { name: 'ktp.xlsx', mimeType: null, bytes: new Uint8Array(await wb.xlsx.writeBuffer()) },
      sheets,
    );
    const fromCsv = await readPlanFileForTest(file('ktp.csv', '№;Тема;Часы\n1;Дроби и доли;2\n2;Проценты;1\n'), sheets);
    expect(fromXlsx.map(({ line: _line, ...item }) => item)).toEqual(fromCsv.map(({ line: _line, ...item }) => item));
  });

  it('tells a file that is no plan from one with broken rows', async () => {
    const reasons = async (f: { name: string; mimeType: string | null; bytes: Uint8Array }) =>
      readPlanFileForTest(f, sheets).then(
        () => 'read',
        (err) => (err instanceof PlanFileError ? err.reason : err.code),
      );
    expect(await reasons(file('ktp.xlsx', 'Тема\nДроби\n'))).toBe('not_spreadsheet');
    expect(await reasons({ name: 'ktp.xlsx', mimeType: null, bytes: Buffer.from('PK\u0003\u0004 not really a zip') })).toBe(
      'not_spreadsheet',
    );
    expect(await reasons(file('ktp.docx', 'Дроби'))).toBe('not_supported');
    expect(await reasons({ name: 'ktp', mimeType: 'image/png', bytes: Buffer.from('x') })).toBe('not_supported');
    expect(await reasons(file('ktp.csv', '№;Тема;Часы\n'))).toBe('empty');
    expect(await reasons(file('ktp.csv', `${'Тема\n'}${'Дроби\n'.repeat(1001)}`))).toBe('too_many_rows');
    expect(await reasons({ name: 'ktp.csv', mimeType: null, bytes: Buffer.alloc(1024 * 1024 + 1, 'a') })).toBe('too_large');
    expect(await reasons(file('ktp.csv', '1;Дроби;два\n'))).toBe('validation_failed');
    expect(await reasons({ name: null as never, mimeType: 'text/csv', bytes: Buffer.from('Тема\nДроби\n') })).toBe('read');
  });
});

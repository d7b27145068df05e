import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createMaxStandIn, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { familySchool } from '../family/fixture.js';
import { codeFor } from '../bot/parent-harness.js';
import { createTestApp, manualClock } from '../helpers/app.js';
import { eventually } from '../notifications/harness.js';
import { startMaxBot } from './max-bot-harness.js';

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('КТП');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('files in MAX, through the same flows: a class teacher gets a PDF, a teacher sends a КТП', () => {
  const clock = manualClock('2026-10-14T09:00:00Z');
  let app: App;
  let standIn: MaxStandIn;
  let bot: Awaited<ReturnType<typeof startMaxBot>>;

  beforeAll(async () => {
    app = await createTestApp({ clock, isolatedDatabase: true });
    standIn = createMaxStandIn({ ratePerSecond: 0 });
    await standIn.start();
    bot = await startMaxBot(app, standIn, clock);
  });
  afterAll(async () => {
    await bot?.stop();
    await standIn?.stop();
    await app?.stop();
  });

  it('«Коды для неподключённых родителей» arrive as a PDF uploaded to MAX', async () => {
    const f = await familySchool(app);
    const teacher = bot.person(881_001);
    await teacher.begin(await codeFor(app, f.school.id, f.classTeacher.id));
    await teacher.ask('/classdocs');
    await teacher.push(`cd:${f.group.id}:a`);
    await eventually(async () => teacher.live().some((m) => m.files.length > 0));
    const withFile = teacher.live().find((m) => m.files.length > 0)!;
    expect(withFile.files[0]!.name).toMatch(/\.pdf$/);
    expect(withFile.files[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(withFile.text).toBeTruthy();
  });

  it('a КТП sent as a file in MAX goes through the dry run and «Применить» into the plan', async () => {
    const f = await familySchool(app, 'Школа КТП');
    const teacher = bot.person(881_002);
    await teacher.begin(await codeFor(app, f.school.id, f.teacher.id));
    const [pick] = await teacher.ask('/ktp');
    expect(pick!.text).toContain('Для какого курса загрузить план?');
    const [asked] = await teacher.push(teacher.button('Математика — 5А'));
    expect(asked!.text).toContain('CSV или XLSX');
    const seen = new Set(teacher.live().map((m) => m.mid));
    await teacher.sendFile(
      'КТП математика.xlsx',
      await workbook([
        ['№', 'Тема', 'Часы', 'Вид работы'],
        [1, 'Натуральные числа', 2, null],
        [2, 'Дроби', 1, null],
      ]),
    );
    await eventually(async () => teacher.live().some((m) => !seen.has(m.mid) && m.text?.includes('Проверка КТП')));
    const dry = teacher.live().find((m) => !seen.has(m.mid) && m.text?.includes('Проверка КТП'))!;
    expect(dry.text).toContain('В файле 2 темы.');
    await teacher.push(teacher.button('Применить'), 1, dry.mid);
    const plan = async () => (await app.services.uow.repos.schedule.planItems(f.math.id)).map((i) => [i.position, i.topic, i.hours]);
    await eventually(async () => (await plan()).length === 2);
    expect(await plan()).toEqual([
      [1, 'Натуральные числа', 2],
      [2, 'Дроби', 1],
    ]);
  });
});

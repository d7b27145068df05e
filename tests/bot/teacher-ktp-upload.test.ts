import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { ktpUploadButton, ktpUploadFeature } from '../../src/bot/features/ktp-upload/index.js';
import { auditLog, lessons } from '../../src/db/schema/index.js';
import { translator } from '../../src/i18n/index.js';
import { downloadTelegramFile } from '../../src/telegram/index.js';
import { useTelegramFiles, type SentFile } from '../helpers/bot-api-stand-in.js';
import { TEST_TOKEN } from '../helpers/bot.js';
import { emulatorSuite, linkTelegram, type recordAnswers, teacherChat, teacherSchool, testClock, type Harness } from './teacher-fixture.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('КТП');
  for (const r of rows) sheet.addRow(r);
  wb.addWorksheet('Примечания').addRow(['этот лист не читается']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('teacher bot: loading the КТП from a file (emulator, files through the stand-in)', () => {
  const clock = testClock();
  const files = useTelegramFiles();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(
    clock,
    (a) => ({
      features: [
        ktpUploadFeature({
          plans: a.services.planUpload,
          download: (path, max) => downloadTelegramFile({ token: TEST_TOKEN, apiRoot: files.root }, path, max),
        }),
      ],
    }),
    (s) => {
      ({ app, harness, answers } = s);
      files.serveGetFile(harness.bot.api);
    },
  );

  async function setup() {
    const s = await teacherSchool(app);
    const physics = await s.seed.course(s.group.id, s.teacher.id, 'Физика');
    const other = await s.seed.course(s.group.id, s.colleague.id, 'История');
    const chat = teacherChat(harness, harness.chat(await linkTelegram(app, s.teacher.id)), answers);
    const send = async (file: SentFile) => {
      await files.sendDocument(harness.server, TEST_TOKEN, chat.chatId, file);
      return chat.reply();
    };
    const plan = async (courseId = s.course.id) =>
      (await app.services.uow.repos.schedule.planItems(courseId)).map((i) => [i.position, i.topic, i.hours, i.workType]);
    /** /ktp, then the course (two courses: a choice), then the request for the file. */
    const ask = async (courseId = s.course.id) => {
      const pick = await chat.ask('/ktp');
      expect(pick.text).toContain('Для какого курса загрузить план?');
      await chat.tap(chat.button(pick, 'Математика — 5А').replace(/\d+$/, String(courseId)), pick.message_id);
      return chat.reply();
    };
    return { ...s, physics, other, chat, send, plan, ask };
  }

  it('takes an XLSX as Excel saves it: dry run, «Применить», the plan in the database is the file’s, audited as the teacher', async () => {
    const s = await setup();
    await s.seed.plan(s.course.id, ['Натуральные числа', 'Сложение', 'Вычитание']);
    const items = await app.services.uow.repos.schedule.planItems(s.course.id);
    // A lesson already filled with topic 2: that topic must survive the replacement.
    const filled = await s.seed.lesson(s.course, '2026-10-12', '09:00', { planItemId: items[1]!.id, topic: 'Сложение' });

    const asked = await s.ask();
    expect(asked.text).toContain('КТП: Математика — 5А');
    expect(asked.text).toContain('CSV или XLSX');
    const bytes = await workbook([
      ['№', 'Тема', 'Часы', 'Вид работы'],
      [1, 'Натуральные числа', 2, null],
      [2, 'Умножение', 1, null],
      [],
      [3, 'Вычитание', 1, 'Контрольная работа'],
      [4, 'Деление', 3, null],
    ]);
    const dry = await s.send({ name: 'КТП математика.xlsx', mimeType: XLSX, bytes });
    expect(dry.text).toContain('Проверка КТП: Математика — 5А');
    expect(dry.text).toContain('В файле 4 темы.');
    expect(dry.text).toContain('Добавится: 2 · изменится: 2 · удалится: 0 · без изменений: 0');
    expect(dry.text).toContain('1 тема уже указана в проведённых уроках: она останется после новых тем');
    expect(dry.text).toContain('✏️ 1. Натуральные числа → Натуральные числа');
    expect(dry.text).toContain('➕ 2. Умножение');
    expect(dry.text).toContain('📌 5. Сложение (1 урок)');
    // Nothing is written by the dry run.
    expect(await s.plan()).toEqual([
      [1, 'Натуральные числа', 1, null],
      [2, 'Сложение', 1, null],
      [3, 'Вычитание', 1, null],
    ]);

    const applied = await s.chat.tap(s.chat.button(dry, 'Применить'), dry.message_id);
    expect(applied.alert).toBeFalsy();
    expect(applied.message.text).toContain('КТП загружен: Математика — 5А');
    expect(applied.message.text).toContain('В плане 5 тем.');
    expect(applied.message.inline.flat()).toEqual([]);
    expect(await s.plan()).toEqual([
      [1, 'Натуральные числа', 2, null],
      [2, 'Умножение', 1, null],
      [3, 'Вычитание', 1, 'control'],
      [4, 'Деление', 3, null],
      [5, 'Сложение', 1, null],
    ]);
    const [lesson] = await app.db.db.select().from(lessons).where(eq(lessons.id, filled.id));
    expect(lesson!.planItemId).toBe(items[1]!.id);
    const audit = await app.db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'plan'), eq(auditLog.entityId, String(s.course.id))));
    expect(audit).toEqual([expect.objectContaining({ actorId: s.teacher.id, via: 'bot', action: 'replace' })]);

    // The same button again: the dry run was used up.
    const again = await s.chat.tap(s.chat.button(dry, 'Применить'), dry.message_id);
    expect(again).toMatchObject({ alert: true, answer: expect.stringContaining('неактуальна') });
  });

  it('takes a CSV in Windows-1251 from the course menu button, and cancels without writing', async () => {
    const s = await setup();
    const button = ktpUploadButton(translator('ru'), s.physics.id);
    expect(button.text).toBe('📥 Загрузить КТП');
    const help = await s.chat.ask('/help');
    await s.chat.tap(button.callback_data, help.message_id);
    expect((await s.chat.reply()).text).toContain('КТП: Физика — 5А');
    const csv = iconv.encode('№;Тема;Часы\r\n1;Механическое движение;2\r\n2;"Скорость; путь";1\r\n', 'win1251');
    const dry = await s.send({ name: 'physics.csv', mimeType: 'text/csv', bytes: csv });
    expect(dry.text).toContain('Добавится: 2');
    expect(dry.text).toContain('➕ 2. Скорость; путь');
    const cancelled = await s.chat.tap(s.chat.button(dry, 'Отмена'), dry.message_id);
    expect(cancelled.message.text).toContain('Загрузка отменена');
    expect(await s.plan(s.physics.id)).toEqual([]);

    // A new request and the same file: applied.
    await s.chat.tap(button.callback_data, help.message_id);
    await s.chat.reply();
    const again = await s.send({ name: 'physics.csv', mimeType: 'text/csv', bytes: csv });
    await s.chat.tap(s.chat.button(again, 'Применить'), again.message_id);
    expect(await s.plan(s.physics.id)).toEqual([
      [1, 'Механическое движение', 2, null],
      [2, 'Скорость; путь', 1, null],
    ]);
  });

  it('lists the broken rows of an XLSX with their row numbers and writes nothing; a corrected file then goes through', async () => {
    const s = await setup();
    await s.seed.plan(s.course.id, ['Натуральные числа']);
    await s.ask();
    const broken = await workbook([
      ['№', 'Тема', 'Часы', 'Вид работы'],
      [1, 'Дроби', 'два', null],
      [2, '', 1, null],
      [3, 'Проценты', 500, 'Пикник'],
    ]);
    const answer = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: broken });
    expect(answer.text).toContain('КТП не загружен: Математика — 5А');
    expect(answer.text).toContain('строка 2: «два» — не целое число');
    expect(answer.inline).toEqual([]);
    const fixed = await workbook([
      ['Тема', 'Часы'],
      ['Дроби', 2],
      ['', 1],
      ['Проценты', 500],
    ]);
    const second = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: fixed });
    expect(second.text).toContain('В файле 2 строки с ошибками');
    expect(second.text).toContain('строка 3: нет темы');
    expect(second.text).toContain('строка 4: часы — целое число от 1 до 100');
    expect(await s.plan()).toEqual([[1, 'Натуральные числа', 1, null]]);

    const good = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: await workbook([[1, 'Дроби', 2]]) });
    expect(good.text).toContain('В файле 1 тема.');
    await s.chat.tap(s.chat.button(good, 'Применить'), good.message_id);
    expect(await s.plan()).toEqual([[1, 'Дроби', 2, null]]);
  });

  it('refuses an empty sheet, an .xlsx that is text, a PDF and a file over the limit (not even downloaded), writing nothing', async () => {
    const s = await setup();
    await s.ask();
    const empty = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: await workbook([]) });
    expect(empty.text).toContain('В файле нет ни одной темы');
    const headerOnly = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: await workbook([['№', 'Тема', 'Часы']]) });
    expect(headerOnly.text).toContain('В файле нет ни одной темы');
    const text = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: Buffer.from('№;Тема\n1;Дроби\n') });
    expect(text.text).toContain('это не книга Excel');
    const pdf = await s.send({ name: 'ktp.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n') });
    expect(pdf.text).toContain('Это не таблица CSV или XLSX');
    const pdfAsCsv = await s.send({ name: 'ktp.csv', mimeType: 'text/csv', bytes: Buffer.from('%PDF-1.4\n1 0 obj\n') });
    expect(pdfAsCsv.text).toContain('Это не таблица CSV или XLSX');
    const before = files.downloads();
    const huge = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: await workbook([['Дроби']]), claimedSize: 5 * 1024 * 1024 });
    expect(huge.text).toContain('Файл больше 1 МБ');
    expect(files.downloads()).toBe(before);
    // A file whose size was not given is cut off while it downloads.
    const unsized = await s.send({ name: 'ktp.csv', mimeType: 'text/csv', bytes: Buffer.alloc(1024 * 1024 + 10, 'a'), claimedSize: 0 });
    expect(unsized.text).toContain('Файл больше 1 МБ');
    expect(await s.plan()).toEqual([]);
  });

  it('explains how to load a КТП when a file arrives unasked, and refuses a forged course or another teacher’s course', async () => {
    const s = await setup();
    const unasked = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: await workbook([['Дроби']]) });
    expect(unasked.text).toContain('Сейчас я не жду файла');
    expect(unasked.text).toContain('/ktp');

    const help = await s.chat.ask('/help');
    const forged = await s.chat.tap(`ktp1:${s.other.id}`, help.message_id);
    expect(forged).toMatchObject({ alert: true, answer: expect.stringContaining('Этот курс ведёт другой учитель') });
    const missing = await s.chat.tap('ktp1:2147483000', help.message_id);
    expect(missing).toMatchObject({ alert: true, answer: expect.stringContaining('Такого курса нет') });
    const tampered = await s.chat.tap('ktpa1:1:short', help.message_id);
    expect(tampered).toMatchObject({ alert: true, answer: expect.stringContaining('Кнопка устарела') });
    // The refusals opened nothing: a file is still unasked.
    const still = await s.send({ name: 'ktp.xlsx', mimeType: XLSX, bytes: await workbook([['Дроби']]) });
    expect(still.text).toContain('Сейчас я не жду файла');

    // The colleague teaches История only: /ktp goes straight to it, and the teacher's course is refused.
    const colleague = teacherChat(harness, harness.chat(await linkTelegram(app, s.colleague.id)), answers);
    expect((await colleague.ask('/plan')).text).toContain('КТП: История — 5А');
    const msg = await colleague.ask('/help');
    const refused = await colleague.tap(`ktp1:${s.course.id}`, msg.message_id);
    expect(refused).toMatchObject({ alert: true, answer: expect.stringContaining('другой учитель') });
    expect(await s.plan()).toEqual([]);
    expect(await s.plan(s.other.id)).toEqual([]);
  });

  it('refuses a stale «Применить»: a second file since, or an hour later', async () => {
    const s = await setup();
    await s.ask();
    const first = await s.send({ name: 'a.xlsx', mimeType: XLSX, bytes: await workbook([['Первая тема']]) });
    const second = await s.send({ name: 'b.xlsx', mimeType: XLSX, bytes: await workbook([['Вторая тема']]) });
    const old = await s.chat.tap(s.chat.button(first, 'Применить'), first.message_id);
    expect(old).toMatchObject({ alert: true, answer: expect.stringContaining('прислан другой файл') });
    expect(await s.plan()).toEqual([]);

    clock.advance(61 * 60 * 1000);
    const late = await s.chat.tap(s.chat.button(second, 'Применить'), second.message_id);
    expect(late).toMatchObject({ alert: true, answer: expect.stringContaining('прошло больше часа') });
    expect(await s.plan()).toEqual([]);
  });
});

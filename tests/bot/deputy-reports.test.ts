import { InputFile } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { deputyFeatures } from '../../src/bot/features/deputy/index.js';
import { reportRange } from '../../src/bot/features/deputy/reports.js';
import { NotFoundError } from '../../src/domain/shared/errors.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import {
  deputyHarnessOptions,
  deputySchool,
  linkTelegram,
  type recordAnswers,
  teacherChat,
  testClock,
  type Harness,
} from './deputy-fixture.js';
import { documentBot } from './document-bot.js';
import { emulatorSuite } from './teacher-fixture.js';
import { pdfText } from '../helpers/pdf-text.js';

const STALE = 'Кнопка устарела. Откройте раздел заново.';

describe('deputy bot: reports (emulator up to the file)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, deputyHarnessOptions, (s) => ({ app, harness, answers } = s));

  const chatOf = async (userId: number) => teacherChat(harness, harness.chat(await linkTelegram(app, userId)), answers);

  it('walks report kind → period → class, with «Назад» at each step', async () => {
    const s = await deputySchool(app);
    const chat = await chatOf(s.deputy.id);
    const list = await chat.ask('Отчёты');
    expect(list.text).toBe('<b>Отчёты</b>\nВыберите отчёт:');
    expect(list.inline.flat().map((b) => b.data)).toEqual([
      'rp1:k:attendance-summary',
      'rp1:k:class-attendance',
      'rp1:k:grades-summary',
      'rp1:k:class-results',
      'rp1:k:class-sizes',
      'rp1:k:movement',
      'rp1:k:plan-fulfilment',
      'rp1:k:parent-linking',
      'rp1:k:control-works',
    ]);
    expect(list.inline[0]![0]!.text).toBe('Сводная ведомость посещаемости');
    expect(list.inline.flat().at(-1)!.text).toBe('Контрольные, лабораторные и практические работы');

    const periods = await chat.tap('rp1:k:attendance-summary', list.message_id);
    expect(periods.message.text).toBe('<b>Сводная ведомость посещаемости</b>\nЗа какой период?');
    expect(periods.message.inline.flat().map((b) => `${b.text}=${b.data}`)).toEqual([
      'Этот месяц=rp1:p:attendance-summary:m',
      'Прошлый месяц=rp1:p:attendance-summary:l',
      'Учебный год=rp1:p:attendance-summary:y',
      '‹ Назад=rp1:l',
    ]);

    const classes = await chat.tap('rp1:p:attendance-summary:l', list.message_id);
    expect(classes.message.text).toBe(
      '<b>Сводная ведомость посещаемости</b>\nПрошлый месяц: с 01.09.2026 по 30.09.2026\nПо какому классу? Документ придёт файлом PDF.',
    );
    expect(classes.message.inline.flat().map((b) => `${b.text}=${b.data}`)).toEqual([
      'Вся школа=rp1:g:attendance-summary:l:0',
      `5А=rp1:g:attendance-summary:l:${s.group.id}`,
      '‹ Назад=rp1:k:attendance-summary',
    ]);

    const year = await chat.tap('rp1:p:attendance-summary:y', list.message_id);
    expect(year.message.text).toContain('Учебный год: с 01.09.2026 по 14.10.2026');
    const back = await chat.tap('rp1:l', list.message_id);
    expect(back.message.text).toBe(list.text);

    // From the compliance screen the list opens as a new message.
    const screen = await chat.ask('/compliance');
    await chat.tap('rp1', screen.message_id);
    expect((await chat.reply()).text).toBe(list.text);
  });

  it('refuses teachers and tampered choices', async () => {
    const s = await deputySchool(app);
    const teacher = await chatOf(s.teacher.id);
    // A teacher's /reports lists their own courses (tests/bot/teacher-reports.test.ts), not the school's reports.
    expect((await teacher.ask('/reports')).text).toContain('<b>Отчёты по моим курсам</b>');
    const day = await teacher.ask('Сегодня');
    for (const data of ['rp1:k:attendance-summary', 'rp1:p:movement:m', 'rp1:g:movement:m:0']) {
      const r = await teacher.tap(data, day.message_id);
      expect(r).toMatchObject({ answer: 'Этот раздел доступен заместителю директора, директору и администратору.', alert: true });
      expect(r.message.text).toBe(day.text);
    }

    const deputy = await chatOf(s.deputy.id);
    const list = await deputy.ask('/reports');
    for (const data of ['rp1:k:secret-report', 'rp1:p:movement:q', 'rp1:g:unknown:m:0', 'rp1:g:movement:m:01', 'rp1:x', 'rp2:k:movement']) {
      const r = await deputy.tap(data, list.message_id);
      expect(r).toMatchObject({ answer: STALE, alert: true });
      expect(r.message.text).toBe(list.text);
    }
  });

  it('computes the periods from the school-local date', () => {
    expect(reportRange('m', '2026-10-14')).toEqual({ from: '2026-10-01', to: '2026-10-14' });
    expect(reportRange('l', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(reportRange('l', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(reportRange('y', '2026-05-20')).toEqual({ from: '2025-09-01', to: '2026-05-20' });
    expect(reportRange('y', '2026-09-01')).toEqual({ from: '2026-09-01', to: '2026-09-01' });
  });
});

describe('deputy bot: the report as a PDF file (fake transport: the emulator cannot take sendDocument)', () => {
  const clock = testClock();
  let app: App;

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  const fakeBot = (features = deputyHarnessOptions(app, clock).features) => documentBot(app, features);

  async function documentOf(call: { payload: Record<string, unknown> }) {
    const file = call.payload.document as InputFile;
    expect(file).toBeInstanceOf(InputFile);
    const raw = await file.toRaw();
    return { name: file.filename, bytes: Buffer.from(raw as Uint8Array), caption: call.payload.caption };
  }

  it("sends the school-wide and the class PDF with the service's file names", async () => {
    const s = await deputySchool(app);
    const chatId = await linkTelegram(app, s.deputy.id);
    const fake = fakeBot();

    await fake.press(chatId, 'rp1:g:attendance-summary:m:0');
    const answer = fake.calls.find((c) => c.method === 'answerCallbackQuery');
    expect(answer?.payload.text).toBe('Готовлю документ…');
    let sent = fake.calls.filter((c) => c.method === 'sendDocument');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.chat_id).toBe(chatId);
    let doc = await documentOf(sent[0]!);
    expect(doc.name).toBe('attendance-summary_школа_2026-10-01_2026-10-14.pdf');
    expect(doc.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(doc.caption).toBe('Сводная ведомость посещаемости\nВся школа, с 01.10.2026 по 14.10.2026');

    await fake.press(chatId, `rp1:g:class-results:l:${s.group.id}`);
    sent = fake.calls.filter((c) => c.method === 'sendDocument');
    expect(sent).toHaveLength(2);
    doc = await documentOf(sent[1]!);
    expect(doc.name).toBe('class-results_5А_2026-09-01_2026-09-30.pdf');
    expect(doc.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(doc.caption).toBe('Итоги успеваемости\n5А, с 01.09.2026 по 30.09.2026');
  });

  it("sends a head their department's last month as a PDF, and refuses another department's", async () => {
    const s = await deputySchool(app);
    const head = await s.seed.user(['head_of_department'], { lastName: 'Орлова' });
    const otherHead = await s.seed.user(['head_of_department'], { lastName: 'Другова' });
    await s.seed.lesson(s.physics, '2026-09-15', '11:00');
    await app.services.departments.load({ kind: 'system' }, s.school.id, {
      departments: [
        { name: 'Естественные науки', headId: head.id, subjectIds: [s.physics.subjectId] },
        { name: 'Прочее', headId: otherHead.id, teacherIds: [s.teacher.id] },
      ],
    });
    const [mine] = await app.services.departments.headedBy(s.school.id, head.id);
    const [theirs] = await app.services.departments.headedBy(s.school.id, otherHead.id);
    const chatId = await linkTelegram(app, head.id);
    const fake = fakeBot();

    await fake.press(chatId, `dm1:${theirs!.id}`);
    expect(fake.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(fake.calls[0]!.payload).toMatchObject({
      text: 'Отчёт этого методического объединения вам недоступен: вы не его руководитель.',
      show_alert: true,
    });

    await fake.press(chatId, `dm1:${mine!.id}`);
    const sent = fake.calls.filter((c) => c.method === 'sendDocument');
    expect(sent).toHaveLength(1);
    const doc = await documentOf(sent[0]!);
    expect(doc.name).toBe(`department-${mine!.id}_2026-09-01_2026-09-30.pdf`);
    expect(doc.caption).toBe('<b>Отчёт МО «Естественные науки» за сентябрь 2026 г.</b>');
    const text = pdfText(doc.bytes);
    expect(text).toContain('МО: Естественные науки');
    expect(text).toMatch(/1\s+Кузнецов/);
    expect(text).not.toContain('Смирнова');
  });

  it("sends nothing for another school's class or to a teacher", async () => {
    const s = await deputySchool(app);
    const other = await createSchool(app);
    const foreign = await seeder(app, other.school.id).group('9В');
    const fake = fakeBot();

    await fake.press(await linkTelegram(app, s.deputy.id), `rp1:g:attendance-summary:m:${foreign.id}`);
    expect(fake.calls.filter((c) => c.method === 'sendDocument')).toHaveLength(0);
    expect(fake.calls.find((c) => c.method === 'sendMessage')?.payload.text).toBe(
      'Не нашёл то, что вы ищете. Возможно, данные изменились — откройте меню заново.',
    );

    await fake.press(await linkTelegram(app, s.teacher.id), 'rp1:g:attendance-summary:m:0');
    expect(fake.calls.filter((c) => c.method === 'sendDocument')).toHaveLength(0);
    expect(fake.calls.filter((c) => c.method === 'answerCallbackQuery').at(-1)?.payload).toMatchObject({
      text: 'Этот раздел доступен заместителю директора, директору и администратору.',
      show_alert: true,
    });
  });

  it('answers a press the service refuses with an alert and leaves the message alone', async () => {
    const s = await deputySchool(app);
    const refusing = {
      summary: async () => {
        throw new NotFoundError('Compliance report');
      },
      nudge: app.services.compliance.nudge,
      departmentsOf: app.services.compliance.departmentsOf,
      departmentReport: app.services.compliance.departmentReport,
    };
    const fake = fakeBot(deputyFeatures({ compliance: refusing, reports: app.services.reports, roster: app.services.roster, clock }));
    await fake.press(await linkTelegram(app, s.deputy.id), 'cp1:w:0');
    expect(fake.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(fake.calls[0]!.payload).toMatchObject({
      text: 'Не нашёл то, что вы ищете. Возможно, данные изменились — откройте меню заново.',
      show_alert: true,
    });
  });
});

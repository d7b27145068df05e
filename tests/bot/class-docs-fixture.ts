/** What the class teacher's «Документы» tests share: the class, the bot with a file-taking fake transport, the codes read from slips. */
import { inArray } from 'drizzle-orm';
import { InputFile } from 'grammy';
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import { classDocsFeature } from '../../src/bot/features/class-docs/index.js';
import { invites } from '../../src/db/schema/index.js';
import { slipQrCodes } from '../helpers/qr-decode.js';
import { documentBot } from './document-bot.js';
import { asUser, linkTelegram, teacherSchool, type testClock } from './teacher-fixture.js';

export const BOT = 'journal_test_bot';
export const LINK = new RegExp(`^https://t\\.me/${BOT}\\?start=([A-Z0-9]{10})$`);

export function classDocsOptions(app: App, clock: ReturnType<typeof testClock>) {
  return {
    features: [
      classDocsFeature({ codes: app.services.classCodes, documents: app.services.classDocuments, family: app.services.family, clock }),
    ],
  };
}

/** 5А with three parents: Кузнецова (no code), Абрамов (an unused code from the API), Ёлкина (linked); 5Б is a colleague's class. */
export async function classSchool(app: App) {
  const s = await teacherSchool(app);
  const seed = s.seed;
  const kuznetsova = await seed.user(['parent'], { lastName: 'Кузнецова', firstName: 'Елена' });
  const abramov = await seed.user(['parent'], { lastName: 'Абрамов', firstName: 'Пётр' });
  const yolkina = await seed.user(['parent'], { lastName: 'Ёлкина', firstName: 'Ольга' });
  await seed.guardian(kuznetsova.id, s.students.ivanov.id);
  await seed.guardian(abramov.id, s.students.abramova.id);
  await seed.guardian(yolkina.id, s.students.yolkin.id);
  await linkTelegram(app, yolkina.id);
  const oldCode = (await app.services.access.issueForUser(s.api, s.school.id, abramov.id)).code;
  const otherTeacher = await seed.user(['teacher', 'class_teacher'], { lastName: 'Орлова' });
  const other = await seed.group('5Б', otherTeacher.id);
  const stranger = await seed.user(['parent'], { lastName: 'Чужой' });
  await seed.guardian(stranger.id, (await seed.student(other.id, { lastName: 'Петров', firstName: 'Пётр' })).id);
  const lesson = await seed.lesson(s.course, '2026-10-14');
  await app.services.journal.saveAttendance(asUser(s.teacher), lesson.id, {
    marks: [
      { studentId: s.students.ivanov.id, status: 'absent' },
      { studentId: s.students.abramova.id, status: 'sick' },
      { studentId: s.students.yolkin.id, status: 'late' },
    ],
  });
  await app.services.journal.addGrades(asUser(s.teacher), lesson.id, [{ studentId: s.students.ivanov.id, value: '5' }]);
  return { ...s, parents: { kuznetsova, abramov, yolkina, stranger }, oldCode, other };
}

export async function invitesOf(app: App, userIds: number[]) {
  return app.db.db.select().from(invites).where(inArray(invites.userId, userIds));
}

/** The bot with a transport that never leaves the process (documentBot): the emulator cannot take sendDocument. */
export function fakeBot(app: App, clock: ReturnType<typeof testClock>) {
  const bot = documentBot(app, classDocsOptions(app, clock).features);
  const press = async (chatId: number, data: string) => {
    const from = bot.calls.length;
    await bot.press(chatId, data);
    const made = bot.calls.slice(from);
    const answer = made.find((c) => c.method === 'answerCallbackQuery')?.payload;
    const sent = made.find((c) => c.method === 'sendDocument');
    const edit = made.find((c) => c.method === 'editMessageText')?.payload;
    return { answer, edit, document: sent ? await documentOf(sent) : null };
  };
  return { press };
}

async function documentOf(call: { payload: Record<string, unknown> }) {
  const file = call.payload.document as InputFile;
  expect(file).toBeInstanceOf(InputFile);
  return { name: file.filename, bytes: Buffer.from((await file.toRaw()) as Uint8Array), caption: call.payload.caption as string };
}

export const codesIn = (pdf: Buffer) =>
  slipQrCodes(pdf)
    .filter((x): x is string => x !== null)
    .map((link) => LINK.exec(link)?.[1] ?? `not a bot link: ${link}`);

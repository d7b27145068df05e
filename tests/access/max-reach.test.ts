import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { students } from '../../src/db/schema/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { uniqueChatId } from '../helpers/bot.js';
import { pdfText } from '../helpers/qr-decode.js';
import { seeder } from '../helpers/seed.js';
import { asUser } from '../journal/fixture.js';

/** Issue 19: a person linked only in MAX counts as linked, and codes carry MAX's deep link once its bot name is known. */
describe('linked in MAX counts as linked; codes with a MAX deep link', () => {
  let app: App;
  let auth: Record<string, string>;
  let seed: ReturnType<typeof seeder>;
  let schoolId: number;

  beforeAll(async () => {
    app = await createTestApp({ env: { TELEGRAM_BOT_USERNAME: 'school_journal_bot' } });
    const created = await createSchool(app);
    auth = created.auth;
    schoolId = created.school.id;
    seed = seeder(app, schoolId);
  });
  afterAll(() => app.stop());

  const post = (url: string) => app.http!.inject({ method: 'POST', url, headers: auth });
  const codeOf = async (userId: number): Promise<string> => (await post(`/v1/users/${userId}/access-code`)).json().code;
  const linkInMax = (code: string) =>
    app.services.access.forMessenger('max').redeem({ code, telegramUserId: uniqueChatId(), chatId: uniqueChatId() });
  const linkInTelegram = (code: string) => {
    const id = uniqueChatId();
    return app.services.access.redeem({ code, telegramUserId: id, chatId: id });
  };

  /** A class of three: a parent linked only in MAX, one only in Telegram, one in neither. */
  async function classOfThree() {
    const classTeacher = await seed.user(['teacher', 'class_teacher'], { lastName: 'Волкова', firstName: 'Нина' });
    const group = await seed.group(`7-${uniqueChatId()}`, classTeacher.id);
    const kids = [
      await seed.student(group.id, { lastName: 'Бойко', firstName: 'Антон' }),
      await seed.student(group.id, { lastName: 'Гусев', firstName: 'Денис' }),
      await seed.student(group.id, { lastName: 'Жукова', firstName: 'Ева' }),
    ];
    const inMax = await seed.user(['parent'], { lastName: 'Бойко', firstName: 'Вера' });
    const inTelegram = await seed.user(['parent'], { lastName: 'Гусев', firstName: 'Глеб' });
    const nowhere = await seed.user(['parent'], { lastName: 'Жуков', firstName: 'Егор' });
    await seed.guardian(inMax.id, kids[0]!.id);
    await seed.guardian(inTelegram.id, kids[1]!.id);
    await seed.guardian(nowhere.id, kids[2]!.id);
    await linkInMax(await codeOf(inMax.id));
    await linkInTelegram(await codeOf(inTelegram.id));
    return { classTeacher, group, kids, inMax, inTelegram, nowhere };
  }

  it('the users list says maxLinked, and only-unlinked codes skip parents and students linked only in MAX', async () => {
    const c = await classOfThree();
    const listed = await app.http!.inject({ method: 'GET', url: `/v1/users?groupId=${c.group.id}&role=parent`, headers: auth });
    expect(listed.statusCode).toBe(200);
    const byId = new Map(listed.json().map((u: { id: number }) => [u.id, u]));
    expect(byId.get(c.inMax.id)).toMatchObject({ telegramLinked: false, maxLinked: true });
    expect(byId.get(c.inTelegram.id)).toMatchObject({ telegramLinked: true, maxLinked: false });
    expect(byId.get(c.nowhere.id)).toMatchObject({ telegramLinked: false, maxLinked: false });

    const unlinked = await post(`/v1/groups/${c.group.id}/access-codes?onlyUnlinked=true`);
    expect(unlinked.statusCode).toBe(201);
    expect(unlinked.json().codes.map((x: { userId: number }) => x.userId)).toEqual([c.nowhere.id]);
    const all = await post(`/v1/groups/${c.group.id}/access-codes`);
    expect(
      all
        .json()
        .codes.map((x: { userId: number }) => x.userId)
        .sort(),
    ).toEqual([c.inMax.id, c.inTelegram.id, c.nowhere.id].sort());

    // Students: aged 16, so they link without a guardian's consent; the first links in MAX.
    for (const k of c.kids) await app.db.db.update(students).set({ birthDate: '2010-01-01' }).where(eq(students.id, k.id));
    const first = await post(`/v1/groups/${c.group.id}/student-access-codes`);
    const studentCodes: { studentId: number; code: string; userId: number }[] = first.json().codes;
    expect(studentCodes).toHaveLength(3);
    const boiko = studentCodes.find((x) => x.studentId === c.kids[0]!.id)!;
    await linkInMax(boiko.code);
    const again = await post(`/v1/groups/${c.group.id}/student-access-codes?onlyUnlinked=true`);
    expect(
      again
        .json()
        .codes.map((x: { studentId: number }) => x.studentId)
        .sort(),
    ).toEqual([c.kids[1]!.id, c.kids[2]!.id].sort());
    const students_ = await app.http!.inject({ method: 'GET', url: '/v1/users?role=student', headers: auth });
    expect(students_.json().find((u: { id: number }) => u.id === boiko.userId)).toMatchObject({ telegramLinked: false, maxLinked: true });
  });

  it("the class teacher's code screen counts a parent linked in MAX as linked, and the slips skip them", async () => {
    const c = await classOfThree();
    const teacher = asUser(c.classTeacher);
    const { people } = await app.services.classCodes.people(teacher, c.group.id);
    const linked = new Map(people.map((p) => [p.userId, p.linked]));
    expect(linked.get(c.inMax.id)).toBe(true);
    expect(linked.get(c.inTelegram.id)).toBe(true);
    expect(linked.get(c.nowhere.id)).toBe(false);

    app.services.maxBotUsername.current = 'school_journal_max_bot';
    try {
      const slips = await app.services.classCodes.slips(teacher, c.group.id, { unlinked: true });
      expect(slips.slips).toBe(1);
      const text = pdfText(slips.file!.content, 'raw').replace(/\s+/g, ' ');
      expect(text).toContain('Жуков Егор');
      expect(text).not.toContain('Бойко Вера');
      expect(text.replace(/\s+/g, '')).toMatch(/ИливMAX:https:\/\/max\.ru\/school_journal_max_bot\?start=[A-Z0-9]{10}/);
    } finally {
      app.services.maxBotUsername.current = null;
    }
  });

  it("codes carry maxLink once the MAX bot's name is known (JSON and CSV), null before; the MAX link's code links in MAX", async () => {
    const parent = await seed.user(['parent'], { lastName: 'Зайцева', firstName: 'Зоя' });
    const before = (await post(`/v1/users/${parent.id}/access-code`)).json();
    expect(before.link).toBe(`https://t.me/school_journal_bot?start=${before.code}`);
    expect(before.maxLink).toBeNull();
    const csvBefore = (await post(`/v1/users/${parent.id}/access-code?format=csv`)).body.trim().split('\r\n')[1]!;
    expect(csvBefore.split(';')[5]).toBe('');

    app.services.maxBotUsername.current = 'school_journal_max_bot';
    try {
      const after = (await post(`/v1/users/${parent.id}/access-code`)).json();
      expect(after.maxLink).toBe(`https://max.ru/school_journal_max_bot?start=${after.code}`);
      expect(after.link).toBe(`https://t.me/school_journal_bot?start=${after.code}`);
      const csv = (await post(`/v1/users/${parent.id}/access-code?format=csv`)).body.trim().split('\r\n')[1]!;
      const [, , , code, link, maxLink] = csv.split(';');
      expect(link).toBe(`https://t.me/school_journal_bot?start=${code}`);
      expect(maxLink).toBe(`https://max.ru/school_journal_max_bot?start=${code}`);
      // The deep link's start parameter is the code itself: MAX's bot_started hands it to /start.
      const linked = await linkInMax(new URL(maxLink!).searchParams.get('start')!);
      expect(linked.userId).toBe(parent.id);
    } finally {
      app.services.maxBotUsername.current = null;
    }
  });
});

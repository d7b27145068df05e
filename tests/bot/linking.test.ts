import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { startBotHarness, uniqueChatId } from '../helpers/bot.js';
import { seeder } from '../helpers/seed.js';

describe('linking a Telegram account through the bot (emulator, long polling)', () => {
  const clock = manualClock('2026-10-05T06:00:00Z');
  let app: App;
  let harness: Awaited<ReturnType<typeof startBotHarness>>;
  let schoolId: number;
  let seed: ReturnType<typeof seeder>;
  const issue = async (roles: Parameters<ReturnType<typeof seeder>['user']>[0] = ['teacher'], name = {}) => {
    const user = await seed.user(roles, name);
    const issued = await app.services.access.issueForUser({ kind: 'api', schoolId }, schoolId, user.id);
    return { user, code: issued.code };
  };

  beforeAll(async () => {
    app = await createTestApp({ clock });
    const created = await createSchool(app, { name: 'Лицей <№1> & Co' });
    schoolId = created.school.id;
    seed = seeder(app, schoolId);
    harness = await startBotHarness(app);
  });
  afterAll(async () => {
    await harness?.stop();
    await app.stop();
  });

  it('links with a deep-link code and shows the teacher menu', async () => {
    const { user, code } = await issue(['teacher'], { lastName: 'Смирнова', firstName: 'Анна' });
    const chat = harness.chat(uniqueChatId());
    const reply = await chat.ask(`/start ${code}`);
    expect(reply.text).toContain('Вы подключены как <b>Смирнова Анна</b>');
    // The school name is escaped for HTML parse mode.
    expect(reply.text).toContain('Лицей &lt;№1&gt; &amp; Co');
    expect(reply.parse_mode).toBe('HTML');
    expect(reply.keyboard.flat()).toEqual(['Сегодня', 'Другой день', 'Отчёты']);
    const linked = await app.services.access.identify(chat.chatId);
    expect(linked.map((u) => u.userId)).toEqual([user.id]);

    const today = await chat.ask('Сегодня');
    expect(today.text).toBe('Этот раздел скоро появится.');
    const again = await chat.ask('/start');
    expect(again.text).toContain('Вы уже подключены');
  });

  it('/logout unlinks after one confirming press, audited; the administrator can unlink too', async () => {
    const { user, code } = await issue(['teacher'], { lastName: 'Уходящая', firstName: 'Ольга' });
    const chat = harness.chat(uniqueChatId());
    await chat.ask(`/start ${code}`);

    const asked = await chat.ask('/logout');
    expect(asked.text).toContain('Отвязать этот аккаунт Telegram от: Уходящая Ольга');
    await chat.press('lo:n', asked.message_id);
    expect((await chat.reply()).text).toBe('Хорошо, всё остаётся как было.');
    expect(await app.services.access.identify(chat.chatId)).toHaveLength(1);

    await chat.press('lo:y', asked.message_id);
    expect((await chat.reply()).text).toContain('Аккаунт отвязан');
    expect(await app.services.access.identify(chat.chatId)).toEqual([]);
    expect((await chat.ask('/logout')).text).toBe('Этот аккаунт Telegram ни к кому не привязан.');
    // A stale confirming button unlinks nothing more, and says so.
    await chat.press('lo:y', asked.message_id);
    expect((await chat.reply()).text).toBe('Этот аккаунт Telegram ни к кому не привязан.');
    const audit = await app.services.uow.repos.audit.list({ schoolId, entity: 'user', limit: 100 });
    expect(audit.filter((a) => a.entityId === String(user.id) && a.action === 'telegram_unlinked')).toHaveLength(1);

    // The administrator, through the API: a second person linked, then unlinked by the school.
    const other = await issue(['parent']);
    const otherChat = harness.chat(uniqueChatId());
    await otherChat.ask(`/start ${other.code}`);
    const api = { kind: 'api', schoolId } as const;
    expect(await app.services.access.unlink(api, schoolId, other.user.id)).toEqual({ unlinked: true });
    expect(await app.services.access.unlink(api, schoolId, other.user.id)).toEqual({ unlinked: false });
    expect(await app.services.access.identify(otherChat.chatId)).toEqual([]);
    await expect(app.services.access.unlink({ kind: 'api', schoolId: schoolId + 100_000 }, schoolId, other.user.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('asks for the code after /start without one and accepts it typed with dashes', async () => {
    const { code } = await issue(['parent']);
    const chat = harness.chat(uniqueChatId());
    const welcome = await chat.ask('/start');
    expect(welcome.text).toContain('код доступа');
    const linked = await chat.ask(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`);
    expect(linked.text).toContain('Вы подключены');
    expect(linked.keyboard.flat()).toEqual(['Мои дети']);
  });

  it('answers wrong, used, revoked and expired codes clearly', async () => {
    const chat = harness.chat(uniqueChatId());
    expect((await chat.ask('/start ACDEFGHJKM')).text).toBe('Такого кода нет. Проверьте, нет ли опечатки, и отправьте код ещё раз.');

    const used = await issue();
    await app.services.access.redeem({ code: used.code, telegramUserId: uniqueChatId(), chatId: 1 });
    expect((await chat.ask(`/start ${used.code}`)).text).toContain('уже использован');

    const revoked = await issue();
    await app.services.access.revoke({ kind: 'api', schoolId }, schoolId, revoked.user.id);
    expect((await chat.ask(`/start ${revoked.code}`)).text).toContain('отменён');

    const expired = await issue();
    clock.advance(31 * 86_400_000);
    expect((await chat.ask(`/start ${expired.code}`)).text).toContain('Срок действия этого кода истёк');
    expect(await chat.silence()).toBe(true);
  });

  it('locks the chat out after five wrong codes within an hour', async () => {
    const { code } = await issue();
    const chat = harness.chat(uniqueChatId());
    await chat.ask('/start');
    for (let i = 0; i < 5; i++) {
      expect((await chat.ask(`ACDE-FGHJ-${'KMNPQ'[i]}3`)).text).toContain('Такого кода нет');
      clock.advance(60_000);
    }
    const locked = await chat.ask(code);
    expect(locked.text).toBe('Слишком много неверных кодов. Попробуйте снова через 55 минут.');
    expect(await app.services.access.identify(chat.chatId)).toEqual([]);
    clock.advance(55 * 60_000);
    expect((await chat.ask(`/start ${code}`)).text).toContain('Вы подключены');
  });

  it("takes only text that looks like a code as a guess, and keeps none of it in the chat's stored state", async () => {
    const { code } = await issue();
    const chat = harness.chat(uniqueChatId());
    await chat.ask('/start');
    for (let i = 0; i < 6; i++) expect((await chat.ask(`Здравствуйте, это мама Пети ${i}`)).text).toContain('отправьте /start и код');
    expect((await chat.ask('ACDE-FGHJ-KM')).text).toContain('Такого кода нет');
    const stored = await app.db.sql`select key, value::text as value from bot_sessions where key like ${`%:${chat.chatId}`}`;
    expect(stored.filter((r) => /ACDE|FGHJ|Пети/i.test(String(r.value)))).toEqual([]);
    expect((await chat.ask(code)).text).toContain('Вы подключены');
  });

  it('switches to English with /language', async () => {
    const { code } = await issue(['deputy_director']);
    const chat = harness.chat(uniqueChatId());
    await chat.ask(`/start ${code}`);
    const choose = await chat.ask('/language');
    expect(choose.inline.flat().map((b) => b.data)).toEqual(['lang:ru', 'lang:en']);
    await chat.press('lang:en', choose.message_id);
    const set = await chat.reply();
    expect(set.text).toBe('Language: English.');
    expect(set.keyboard.flat()).toEqual(['Control', 'Reports']);
    expect((await chat.ask('/help')).text).toContain('Choose an action in the menu');
    expect((await app.services.access.identify(chat.chatId))[0]!.locale).toBe('en');
    // A button with the old Russian label still works.
    expect((await chat.ask('Контроль')).text).toBe('This section is coming soon.');
  });

  it('tells an unlinked user how to start', async () => {
    const chat = harness.chat(uniqueChatId());
    expect((await chat.ask('/help')).text).toContain('/start — подключиться по коду');
    expect((await chat.ask('/menu')).text).toContain('отправьте /start');
  });
});

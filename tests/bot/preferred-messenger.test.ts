import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { messengerFeature } from '../../src/bot/features/messenger.js';
import { parentAfterLink, parentFeatures, settingsScreen } from '../../src/bot/features/parent/index.js';
import { users } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { startBotHarness, uniqueChatId } from '../helpers/bot.js';
import { familySchool } from '../family/fixture.js';
import { testClock } from '../journal/fixture.js';
import { codeFor } from './parent-harness.js';
import { messageOf } from './teacher-fixture.js';

describe('the preferred messenger in settings and /messenger (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Awaited<ReturnType<typeof startBotHarness>>;
  let maxId = 550_000 + (process.pid % 1000) * 100;

  beforeAll(async () => {
    app = await createTestApp({ clock });
    // As src/app.ts wires them.
    harness = await startBotHarness(app, {
      features: [
        ...parentFeatures({ family: app.services.family, messengers: app.services.access }),
        messengerFeature({ access: app.services.access, settings: settingsScreen(app.services.family, app.services.access) }),
      ],
      deps: { afterLink: parentAfterLink(app.services.family) },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await app.stop();
  });

  const preferredOf = async (userId: number) =>
    (await app.db.db.select({ p: users.preferredMessenger }).from(users).where(eq(users.id, userId)))[0]!.p;
  /** Links the user in MAX as the MAX transport will: the same redeem, MAX's ids. */
  async function linkInMax(schoolId: number, userId: number) {
    maxId += 10;
    clock.advance(60_000);
    await app.services.access
      .forMessenger('max')
      .redeem({ code: await codeFor(app, schoolId, userId), telegramUserId: maxId, chatId: maxId });
    return maxId;
  }
  async function telegramChat(schoolId: number, userId: number, consent: boolean) {
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${await codeFor(app, schoolId, userId)}`);
    const [, prompt] = await chat.replies(2);
    if (consent) {
      await chat.press('cs:ok', prompt!.message_id);
      await chat.replies(2);
    }
    return chat;
  }
  async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000) {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  it('a parent linked in both sees the row in /settings and moves the tick; linked in one, no row', async () => {
    const f = await familySchool(app);
    const chat = await telegramChat(f.school.id, f.parent.id, true);
    const single = await chat.ask('/settings');
    expect(single.text).not.toContain('📨');
    expect(single.inline.flat().some((b) => b.data.startsWith('pm1:'))).toBe(false);

    await linkInMax(f.school.id, f.parent.id);
    const screen = await chat.ask('/settings');
    // MAX was linked last, so notices go there until the person chooses.
    expect(screen.text).toContain('📨 Уведомления: Telegram · ✓ MAX');
    expect(screen.text).toContain('Тихие часы: 21:00–07:30');
    expect(screen.inline.at(-1)).toEqual([
      { text: 'Telegram', data: `pm1:${f.parent.id}:telegram` },
      { text: '✓ MAX', data: `pm1:${f.parent.id}:max` },
    ]);
    expect(await preferredOf(f.parent.id)).toBeNull();

    await chat.press(`pm1:${f.parent.id}:telegram`, screen.message_id);
    await eventually(async () => (await preferredOf(f.parent.id)) === 'telegram');
    await eventually(() => messageOf(harness, screen.message_id).text.includes('✓ Telegram · MAX'));
    const edited = messageOf(harness, screen.message_id);
    expect(edited.text).toContain('Тихие часы: 21:00–07:30');
    expect(edited.inline.at(-1)!.map((b) => b.text)).toEqual(['✓ Telegram', 'MAX']);
    expect(await app.services.access.messengerChoice(f.parent.id)).toMatchObject({ preferred: 'telegram', effective: 'telegram' });
    const audit = await app.services.uow.repos.audit.list({
      schoolId: f.school.id,
      entity: 'user',
      entityId: String(f.parent.id),
      limit: 20,
    });
    expect(audit.filter((a) => a.action === 'preferred_messenger_set')).toHaveLength(1);

    // Another setting keeps the row.
    const before = messageOf(harness, screen.message_id).text;
    await chat.press('st:e', screen.message_id);
    await eventually(() => messageOf(harness, screen.message_id).text !== before);
    expect((await app.services.family.preferences(f.parentP)).emailFallback).toBe(false);
    expect(messageOf(harness, screen.message_id).text).toContain('📨 Уведомления: ✓ Telegram · MAX');
    expect(
      messageOf(harness, screen.message_id)
        .inline.at(-1)!
        .map((b) => b.data),
    ).toEqual([`pm1:${f.parent.id}:telegram`, `pm1:${f.parent.id}:max`]);
  });

  it('refuses a forged press: another person’s id, an unknown messenger, a messenger not linked; nothing changes', async () => {
    const f = await familySchool(app);
    const chat = await telegramChat(f.school.id, f.parent.id, true);
    const mx = await linkInMax(f.school.id, f.parent.id);
    // Another parent linked in both, whose choice the forged press aims at.
    await telegramChat(f.school.id, f.otherParent.id, true);
    await linkInMax(f.school.id, f.otherParent.id);
    const screen = await chat.ask('/settings');

    await chat.press(`pm1:${f.otherParent.id}:telegram`, screen.message_id);
    expect((await chat.reply()).text).toBe('Эта кнопка не относится к вашей учётной записи. Ничего не изменено.');
    await chat.press(`pm1:${f.parent.id}:icq`, screen.message_id);
    expect((await chat.reply()).text).toBe('Такого мессенджера бот не знает. Ничего не изменено.');
    await chat.press('pm1:abc:max', screen.message_id);
    expect((await chat.reply()).text).toBe('Эта кнопка не относится к вашей учётной записи. Ничего не изменено.');
    expect(await preferredOf(f.otherParent.id)).toBeNull();
    expect(await preferredOf(f.parent.id)).toBeNull();

    // Logged out of MAX: the old button for MAX is refused.
    await app.services.access.forMessenger('max').logout(mx);
    await chat.press(`pm1:${f.parent.id}:max`, screen.message_id);
    expect((await chat.reply()).text).toBe('Вы не подключены в MAX: сначала подключитесь там кодом из школы. Ничего не изменено.');
    expect(await preferredOf(f.parent.id)).toBeNull();
    expect((await chat.ask('/settings')).text).not.toContain('📨');
  });

  it('a teacher reaches the choice with /messenger; linked in one messenger only, they are told so', async () => {
    const f = await familySchool(app);
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${await codeFor(app, f.school.id, f.teacher.id)}`);
    await chat.replies(1);
    expect((await chat.ask('/messenger')).text).toContain('Вы подключены только в Telegram');

    await linkInMax(f.school.id, f.teacher.id);
    const screen = await chat.ask('/messenger');
    expect(screen.text).toContain('Куда присылать уведомления');
    expect(screen.text).toContain('📨 Уведомления: Telegram · ✓ MAX');
    await chat.press(`pm1:${f.teacher.id}:max`, screen.message_id);
    await eventually(async () => (await preferredOf(f.teacher.id)) === 'max');
    await chat.press(`pm1:${f.teacher.id}:telegram`, screen.message_id);
    await eventually(() => messageOf(harness, screen.message_id).text.includes('✓ Telegram · MAX'));
    expect(await preferredOf(f.teacher.id)).toBe('telegram');
    // The settings of parents stay theirs.
    expect((await chat.ask('/settings')).text).toBe('Эта команда — для родителей и учеников.');
  });
});

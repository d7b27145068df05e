import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { maxLinks, users } from '../../src/db/schema/index.js';
import { NotFoundError, RateLimitedError } from '../../src/domain/shared/errors.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

describe('linking in MAX (domain level, for the coming MAX transport)', () => {
  const clock = manualClock('2026-10-01T09:00:00Z');
  let app: App;
  let schoolId: number;
  let seed: ReturnType<typeof seeder>;
  const api = () => ({ kind: 'api' as const, schoolId });
  let id = 770_000 + (process.pid % 1000) * 100;
  /** Ten apart, so chat ids made from one (id + 5) never meet the next. */
  const nextId = () => {
    id += 10;
    return id;
  };
  /** What the MAX transport calls for `/start <code>`: Telegram's redeem path with MAX's ids. */
  const linkMax = (code: string, maxUserId: number, chatId: number) =>
    app.services.access.forMessenger('max').redeem({ code, telegramUserId: maxUserId, chatId });
  const wrong = (i: number) => `ACDEFGHJ${'KMNPQRTUVWXY34679'[i % 17]}${'34679'[Math.floor(i / 17) % 5]}`;

  beforeAll(async () => {
    app = await createTestApp({ clock });
    schoolId = (await createSchool(app)).school.id;
    seed = seeder(app, schoolId);
  });
  afterAll(() => app.stop());

  it('links a MAX account with a code once; a Telegram link of the same person stays', async () => {
    const parent = await seed.user(['parent']);
    const tg = nextId();
    await app.services.access.redeem({
      code: (await app.services.access.issueForUser(api(), schoolId, parent.id)).code,
      telegramUserId: tg,
      chatId: tg,
    });
    const { code } = await app.services.access.issueForUser(api(), schoolId, parent.id);
    const maxUser = nextId();
    clock.advance(60_000);
    const linked = await linkMax(code.toLowerCase(), maxUser, maxUser + 5);
    expect(linked).toMatchObject({ userId: parent.id, schoolId });
    // The users the MAX account is now linked to, as the bot identifies them in MAX.
    expect(linked.users.map((u) => u.userId)).toEqual([parent.id]);
    const [link] = await app.db.db.select().from(maxLinks).where(eq(maxLinks.userId, parent.id));
    expect(link).toMatchObject({ maxUserId: maxUser, chatId: maxUser + 5, status: 'active', linkedAt: clock.now() });
    const [user] = await app.db.db.select().from(users).where(eq(users.id, parent.id));
    expect(user!.telegramUserId).toBe(tg);
    await expect(linkMax(code, maxUser + 1, maxUser + 6)).rejects.toMatchObject({ reason: 'used' });
  });

  it('links again after a block, making the link active', async () => {
    const parent = await seed.user(['parent']);
    const maxUser = nextId();
    await linkMax((await app.services.access.issueForUser(api(), schoolId, parent.id)).code, maxUser, maxUser);
    await app.db.db.update(maxLinks).set({ status: 'blocked' }).where(eq(maxLinks.userId, parent.id));
    await linkMax((await app.services.access.issueForUser(api(), schoolId, parent.id)).code, maxUser, maxUser + 1);
    const [link] = await app.db.db.select().from(maxLinks).where(eq(maxLinks.userId, parent.id));
    expect(link).toMatchObject({ status: 'active', chatId: maxUser + 1 });
  });

  it('answers a wrong code as unknown and locks a MAX chat out after five, without locking the Telegram chat of the same number', async () => {
    const chat = nextId();
    for (let i = 0; i < 5; i++) {
      await expect(linkMax(wrong(i), chat, chat)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(linkMax(wrong(6), chat, chat)).rejects.toBeInstanceOf(RateLimitedError);
    // Telegram's chat and account with the same numbers are other people.
    const teacher = await seed.user(['teacher']);
    const { code } = await app.services.access.issueForUser(api(), schoolId, teacher.id);
    await expect(app.services.access.redeem({ code, telegramUserId: chat, chatId: chat })).resolves.toMatchObject({ userId: teacher.id });
    expect(await app.db.db.select().from(maxLinks).where(eq(maxLinks.userId, teacher.id))).toHaveLength(0);
  });

  it('does not count text that cannot be a code', async () => {
    const chat = nextId();
    for (let i = 0; i < 6; i++) await expect(linkMax('привет', chat, chat)).rejects.toBeInstanceOf(NotFoundError);
    const parent = await seed.user(['parent']);
    const { code } = await app.services.access.issueForUser(api(), schoolId, parent.id);
    await expect(linkMax(code, chat, chat)).resolves.toMatchObject({ userId: parent.id });
  });
});

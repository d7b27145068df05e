import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { users } from '../../src/db/schema/index.js';
import { createAccessService } from '../../src/domain/access/access-service.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { uniqueChatId } from '../helpers/bot.js';
import { seeder } from '../helpers/seed.js';

describe('identify cache (BOT_IDENTIFY_CACHE_MS)', () => {
  let app: App;
  const clock = manualClock('2026-10-14T09:00:00Z');

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  const service = (identifyCacheMs: number) =>
    createAccessService({ uow: app.services.uow, clock, ttlDays: 30, botUsername: () => null, identifyCacheMs });

  it('reuses an identification for its time, drops it on a local language change, and is off with 0', async () => {
    const { school } = await createSchool(app);
    const teacher = await seeder(app, school.id).user(['teacher']);
    const tg = uniqueChatId();
    await app.db.db.update(users).set({ telegramUserId: tg, telegramChatId: tg, linkedAt: new Date() }).where(eq(users.id, teacher.id));
    const cached = service(60_000);
    const fresh = service(0);
    expect((await cached.identify(tg)).map((u) => u.userId)).toEqual([teacher.id]);

    // Deactivated elsewhere: the uncached service sees it at once, the cached one within its time.
    await app.db.db.update(users).set({ active: false }).where(eq(users.id, teacher.id));
    expect(await fresh.identify(tg)).toEqual([]);
    expect((await cached.identify(tg)).map((u) => u.userId)).toEqual([teacher.id]);

    await cached.setLocale(tg, 'en');
    expect(await cached.identify(tg)).toEqual([]);
  });

  it('expires by real time, whatever the injected clock says', async () => {
    const { school } = await createSchool(app);
    const teacher = await seeder(app, school.id).user(['teacher']);
    const tg = uniqueChatId();
    await app.db.db.update(users).set({ telegramUserId: tg, telegramChatId: tg, linkedAt: new Date() }).where(eq(users.id, teacher.id));
    const cached = service(30);
    expect(await cached.identify(tg)).toHaveLength(1);
    await app.db.db.update(users).set({ active: false }).where(eq(users.id, teacher.id));
    await new Promise((r) => setTimeout(r, 60));
    expect(await cached.identify(tg)).toEqual([]);
  });
});

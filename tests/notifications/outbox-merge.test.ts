import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { notifications } from '../../src/db/schema/index.js';
import { DEADLINE_MARGIN_MS } from '../../src/domain/outbox/scheduling.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

describe('outbox merge of a pending notice', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app.stop());

  it('never lets new facts push a pending notice past its deadline less the margin', async () => {
    const { school } = await createSchool(app);
    const parent = await seeder(app, school.id).user(['parent']);
    const deadline = new Date('2026-11-24T10:00:00Z');
    const entry = {
      schoolId: school.id,
      recipientId: parent.id,
      kind: 'grade_digest' as const,
      dedupeKey: `merge-test:${parent.id}`,
      payload: { kind: 'grade_digest', date: '2026-11-23' },
      notBefore: new Date('2026-11-23T16:00:00Z'),
      deadline,
    };
    await app.services.uow.repos.notifications.upsert([entry]);
    await app.services.uow.repos.notifications.upsert([
      { ...entry, notBefore: new Date('2026-11-25T16:00:00Z'), deadline: new Date('2026-11-26T10:00:00Z') },
    ]);
    const [row] = await app.db.db.select().from(notifications).where(eq(notifications.dedupeKey, entry.dedupeKey));
    expect(row!.deadline!.toISOString()).toBe(deadline.toISOString());
    expect(row!.notBefore.getTime()).toBe(deadline.getTime() - DEADLINE_MARGIN_MS);
  });
});

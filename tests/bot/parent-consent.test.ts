import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { consents, notifications } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { uniqueChatId } from '../helpers/bot.js';
import { familySchool } from '../family/fixture.js';
import { testClock } from '../journal/fixture.js';
import { codeFor, startParentBot } from './parent-harness.js';

describe('parent linking, consent and /privacy through the emulator', () => {
  const clock = testClock();
  let app: App;
  let harness: Awaited<ReturnType<typeof startParentBot>>;
  beforeAll(async () => {
    app = await createTestApp({ clock });
    harness = await startParentBot(app);
  });
  afterAll(async () => {
    await harness?.stop();
    await app.stop();
  });

  it('shows the consent text after linking and nothing of the child before it is accepted', async () => {
    const f = await familySchool(app);
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${await codeFor(app, f.school.id, f.parent.id)}`);
    const [linked, consent] = await chat.replies(2);
    expect(linked!.text).toContain('Вы подключены как <b>Иванова Мария</b>');
    expect(linked!.keyboard.flat()).toEqual(['Мои дети']);
    expect(consent!.text).toContain('Согласие на обработку персональных данных</b> (редакция 2026-11)');
    expect(consent!.inline.flat().map((b) => b.data)).toEqual(['cs:ok', 'cs:no']);

    // Declining or asking for the children shows no child's name.
    await chat.press('cs:no', consent!.message_id);
    expect((await chat.reply()).text).toContain('Пока согласия нет');
    const gated = await chat.ask('Мои дети');
    expect(gated.text).toContain('нужно согласие');
    expect(gated.text).not.toContain('Иванов Иван');
    await chat.press(`pc:d:${f.child.id}`, gated.message_id);
    const list = await chat.reply();
    expect(list.text).not.toContain('Иванов');

    await chat.press('cs:ok', gated.message_id);
    const [accepted, children] = await chat.replies(2);
    expect(accepted!.text).toContain('Согласие записано');
    expect(children!.text).toContain('<b>Мои дети</b> (1 ребёнок)');
    expect(children!.text).toContain('<b>Иванов Иван</b>, 5А');
    expect(children!.inline.flat().map((b) => b.data)).toEqual([`pc:d:${f.child.id}`, `pc:w:${f.child.id}`, `pp:${f.child.id}`, 'st:show']);
    const rows = await app.db.db.select().from(consents).where(eq(consents.parentId, f.parent.id));
    expect(rows.map((r) => [r.version, r.via, r.withdrawnAt])).toEqual([['2026-11', 'bot', null]]);
  });

  it('lists two children of two schools for one Telegram account', async () => {
    const a = await familySchool(app, 'Гимназия №1');
    const b = await familySchool(app, 'Школа «Радуга»');
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${await codeFor(app, a.school.id, a.parent.id)}`);
    const [, first] = await chat.replies(2);
    await chat.press('cs:ok', first!.message_id);
    await chat.replies(2);
    await chat.send(`/start ${await codeFor(app, b.school.id, b.otherParent.id)}`);
    const [, second] = await chat.replies(2);
    expect(second!.text).toContain('редакция 2026-11'); // the new account needs its own consent
    await chat.press('cs:ok', second!.message_id);
    const [, children] = await chat.replies(2);
    expect(children!.text).toContain('(2 ребёнка)');
    expect(children!.text).toContain('<b>Иванов Иван</b>, 5А — Гимназия №1');
    expect(children!.text).toContain('<b>Абрамова Анна</b>, 5А — Школа «Радуга»');
  });

  it('/privacy shows the stored data and withdraws consent: audited, children hidden, no notices', async () => {
    const f = await familySchool(app);
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${await codeFor(app, f.school.id, f.parent.id)}`);
    const [, prompt] = await chat.replies(2);
    await chat.press('cs:ok', prompt!.message_id);
    await chat.replies(2);

    const privacy = await chat.ask('/privacy');
    expect(privacy.text).toContain('ФИО: Иванова Мария');
    expect(privacy.text).toContain('E-mail: maria@example.org');
    expect(privacy.text).toContain('Дети: Иванов Иван');
    expect(privacy.text).toContain('дано 14 октября 2026 г. (редакция 2026-11)');
    await chat.press('pv:w', privacy.message_id);
    const confirm = await chat.reply();
    expect(confirm.inline.flat().map((b) => b.data)).toEqual(['pv:wy', 'pv:c']);
    await chat.press('pv:wy', confirm.message_id);
    expect((await chat.reply()).text).toContain('Согласие отозвано');

    const audit = await app.services.uow.repos.audit.list({ schoolId: f.school.id, entity: 'consent', limit: 10 });
    expect(audit.map((a) => [a.action, a.actorId, a.via])).toEqual([
      ['withdraw', f.parent.id, 'bot'],
      ['grant', f.parent.id, 'bot'],
    ]);
    const hidden = await chat.ask('Мои дети');
    expect(hidden.text).not.toContain('Иванов Иван');
    const again = await chat.ask('/privacy');
    expect(again.text).toContain('Дети: скрыты (нет согласия)');
    expect(again.text).toContain('отозвано 14 октября 2026 г.');
    expect(again.inline.flat().map((b) => b.data)).toEqual(['cs:ok']);

    await app.services.journal.saveAttendance(f.teacherP, f.lessons[0]!.id, { marks: [{ studentId: f.child.id, status: 'absent' }] });
    expect(await app.db.db.select().from(notifications).where(eq(notifications.recipientId, f.parent.id))).toHaveLength(0);

    // Re-granting is possible, and notices flow again.
    await chat.press('cs:ok', again.message_id);
    await chat.replies(2);
    await app.services.journal.saveAttendance(f.teacherP, f.lessons[1]!.id, { marks: [{ studentId: f.child.id, status: 'absent' }] });
    const rows = await app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, f.parent.id), eq(notifications.kind, 'absence')));
    expect(rows).toHaveLength(1);
  });
});

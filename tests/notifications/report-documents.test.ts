import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { notifications, users } from '../../src/db/schema/index.js';
import { createComplianceScanner } from '../../src/domain/compliance/index.js';
import { createEmailChannel } from '../../src/notifications/channels/email-channel.js';
import { CAPTION_LIMIT, createTelegramChannel } from '../../src/notifications/channels/telegram-channel.js';
import type { RenderedMessage } from '../../src/notifications/channels/types.js';
import { createSchool, manualClock } from '../helpers/app.js';
import { fakeTelegramApi } from '../helpers/fake-telegram.js';
import { pdfText } from '../helpers/pdf-text.js';
import { seeder } from '../helpers/seed.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { deliveryHarness } from './harness.js';

const PDF = Buffer.from('%PDF-1.4\n% a test file\n');
const withFile = (html: string): RenderedMessage => ({
  subject: 'Отчёт за неделю',
  html,
  text: html.replace(/<[^>]+>/g, ''),
  document: { fileName: 'compliance-week_2026-11-23_2026-11-29.pdf', content: PDF, contentType: 'application/pdf' },
});

describe('notices that carry a file', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | null = null;
  let h: Awaited<ReturnType<typeof deliveryHarness>> | null = null;
  afterEach(async () => {
    await h?.close();
    await smtp?.close();
    h = null;
    smtp = null;
  });

  it('Telegram sends the document with the notice as its caption, or the text first when it is too long', async () => {
    const fake = fakeTelegramApi();
    const channel = createTelegramChannel(fake.api);
    const sent = await channel.send(4242, withFile('<b>Отчёт</b>\nВсе вовремя.'));
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({
      method: 'sendDocument',
      chatId: 4242,
      text: '<b>Отчёт</b>\nВсе вовремя.',
      messageId: sent.messageId,
    });
    expect(fake.calls[0]!.document).toEqual({ fileName: 'compliance-week_2026-11-23_2026-11-29.pdf', content: PDF });

    const long = `<b>Отчёт</b>\n${'Иванова — вовремя 0 %\n'.repeat(60)}`;
    expect(long.length).toBeGreaterThan(CAPTION_LIMIT);
    await channel.send(4242, withFile(long));
    expect(fake.calls.slice(1).map((c) => [c.method, c.text])).toEqual([
      ['sendMessage', long],
      ['sendDocument', 'Отчёт за неделю'],
    ]);
  });

  it('e-mail attaches the document', async () => {
    smtp = await startSmtpSink();
    const email = createEmailChannel(smtp.url, 'Школа <school@example.org>');
    try {
      await email.send('deputy@example.org', withFile('<b>Отчёт</b>\nВсе вовремя.'));
    } finally {
      email.close();
    }
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.subject).toBe('Отчёт за неделю');
    expect(mail!.attachments.map((a) => [a.filename, a.contentType, a.content.equals(PDF)])).toEqual([
      ['compliance-week_2026-11-23_2026-11-29.pdf', 'application/pdf', true],
    ]);
  });

  it('a blocked deputy gets the weekly report by e-mail with the same PDF attached', async () => {
    smtp = await startSmtpSink();
    h = await deliveryHarness({
      clock: manualClock('2026-11-23T05:00:00Z'),
      smtpUrl: smtp.url,
      respond: (method) =>
        method === 'sendDocument' ? { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } : null,
    });
    const { school } = await createSchool(h.app, { timezone: 'Europe/Moscow' });
    const seed = seeder(h.app, school.id, 'Europe/Moscow');
    const teacher = await seed.user(['teacher'], { lastName: 'Петров', firstName: 'Олег', middleName: 'Ильич' });
    const deputy = await seed.user(['deputy_director'], { lastName: 'Завучева', email: 'deputy@example.org' });
    await h.app.db.db.update(users).set({ telegramChatId: 777_001, telegramStatus: 'active' }).where(eq(users.id, deputy.id));
    const course = await seed.course((await seed.group('7Б')).id, teacher.id, 'История');
    await seed.lesson(course, '2026-11-23', '09:00', { period: 2 });

    // Monday 30 November 08:00 Moscow: the weekly report; the lesson of the 23rd was never filled.
    h.clock.set('2026-11-30T05:00:00Z');
    const scanner = createComplianceScanner({ uow: h.app.services.uow, clock: h.clock });
    expect((await scanner.tick()).reports).toBe(1);
    const [row] = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, deputy.id));
    expect(await h.delivery.deliver(row!.id, row!.version)).toEqual({ result: 'done', status: 'sent', channel: 'email' });
    expect(h.telegram.calls).toEqual([]);

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.subject).toContain('Еженедельный отчёт о заполнении журнала');
    expect(mail!.text).toContain('Полный отчёт по каждому учителю — в приложенном PDF.');
    const [file] = mail!.attachments;
    expect(file!.filename).toBe('compliance-week_2026-11-23_2026-11-29.pdf');
    expect(file!.contentType).toBe('application/pdf');
    expect(pdfText(file!.content)).toMatch(/1\s+Петров Олег Ильич\s+1\s+0\s+0\s+1\s+0\s+0\s?%/);
  });
});

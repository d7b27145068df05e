import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryAttempts, maxLinks, notifications } from '../../src/db/schema/index.js';
import { createComplianceScanner } from '../../src/domain/compliance/index.js';
import { createSchool } from '../helpers/app.js';
import { pdfText } from '../helpers/pdf-text.js';
import { seeder } from '../helpers/seed.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { linkInMax, maxDeliveryHarness } from './max-harness.js';

type H = Awaited<ReturnType<typeof maxDeliveryHarness>>;
const FILE_NAME = 'compliance-week_2026-11-23_2026-11-29.pdf';
const TEACHER_LINE = /1\s+Петров Олег Ильич\s+1\s+0\s+0\s+1\s+0\s+0\s?%/;

/**
 * A deputy linked only in MAX (no Telegram) and the weekly compliance report for them, due on
 * Monday 30 November: the notice that carries the full report as a PDF.
 */
async function weeklyReportForMaxDeputy(h: H) {
  const { school } = await createSchool(h.app, { timezone: 'Europe/Moscow' });
  const seed = seeder(h.app, school.id, 'Europe/Moscow');
  const teacher = await seed.user(['teacher'], { lastName: 'Петров', firstName: 'Олег', middleName: 'Ильич' });
  const deputy = await seed.user(['deputy_director'], { lastName: 'Завучева', email: 'deputy@example.org' });
  const person = await linkInMax(h.app, h.standIn, deputy.id, new Date('2026-11-20T10:00:00Z'));
  const course = await seed.course((await seed.group('7Б')).id, teacher.id, 'История');
  await seed.lesson(course, '2026-11-23', '09:00', { period: 2 });
  h.clock.set('2026-11-30T05:00:00Z');
  expect((await createComplianceScanner({ uow: h.app.services.uow, clock: h.clock }).tick()).reports).toBe(1);
  const [row] = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, deputy.id));
  return { deputy, person, row: row! };
}

describe('reports as files through MAX (against the stand-in)', () => {
  let h: H | null = null;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | null = null;
  afterEach(async () => {
    await h?.close();
    await smtp?.close();
    h = null;
    smtp = null;
  });

  it('a deputy linked only in MAX gets the weekly report as a file with the notice as its text', async () => {
    h = await maxDeliveryHarness();
    const { person, row } = await weeklyReportForMaxDeputy(h);
    expect(await h.delivery.deliver(row.id, row.version)).toEqual({ result: 'done', status: 'sent', channel: 'max' });
    expect(h.telegram.calls).toEqual([]);

    const sent = person.messages();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('Полный отчёт по каждому учителю — в приложенном PDF.');
    expect(sent[0]!.files.map((f) => f.name)).toEqual([FILE_NAME]);
    const [file] = sent[0]!.files;
    expect(file!.size).toBe(file!.content.length);
    expect(file!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(file!.content)).toMatch(TEACHER_LINE);
    const [after] = await h.app.db.db.select().from(notifications).where(eq(notifications.id, row.id));
    expect(after!.maxMessageId).toBe(sent[0]!.mid);
    // One upload, one send: the file went with the message, not after it.
    expect(h.standIn.calls.filter((c) => c.path === '/uploads' || c.path === '/messages').map((c) => `${c.path}:${c.status}`)).toEqual([
      '/uploads:200',
      '/messages:200',
    ]);
  });

  it('a blocked MAX chat: the link is marked blocked and the report goes by e-mail with the same PDF attached', async () => {
    smtp = await startSmtpSink();
    h = await maxDeliveryHarness({ smtpUrl: smtp.url });
    const { deputy, person, row } = await weeklyReportForMaxDeputy(h);
    person.block();
    expect(await h.delivery.deliver(row.id, row.version)).toEqual({ result: 'done', status: 'sent', channel: 'email' });

    expect(person.messages()).toHaveLength(0);
    const [link] = await h.app.db.db.select().from(maxLinks).where(eq(maxLinks.userId, deputy.id));
    expect(link!.status).toBe('blocked');
    const attempts = await h.app.db.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.notificationId, row.id));
    expect(attempts.map((a) => `${a.channel}:${a.outcome}`)).toEqual(['max:unreachable', 'email:sent']);

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.subject).toContain('Еженедельный отчёт о заполнении журнала');
    const [file] = mail!.attachments;
    expect([file!.filename, file!.contentType]).toEqual([FILE_NAME, 'application/pdf']);
    expect(pdfText(file!.content)).toMatch(TEACHER_LINE);
  });
});

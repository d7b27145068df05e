import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema/index.js';
import { createSchool, manualClock } from '../helpers/app.js';
import { pdfText } from '../helpers/pdf-text.js';
import { seeder } from '../helpers/seed.js';
import { complianceHarness, complianceSchool, fill, principalOf, type Harness } from './fixture.js';

// Moscow is UTC+3.
const at = (local: string) => `${local.replace(' ', 'T')}:00+03:00`;

describe('compliance reports as PDF files (Europe/Moscow, deadline 17:00)', () => {
  let h: Harness;
  afterEach(() => h?.close());

  /** Иванова fills on time, Петров a day late; Сидоров (music) has no department but a lesson. */
  async function school() {
    const s = await complianceSchool(h);
    const ivanova = await s.staff(['teacher'], 'Иванова', 'Мария', 'Петровна');
    const petrov = await s.staff(['teacher'], 'Петров', 'Олег', 'Ильич');
    const group = await s.seed.group('7Б');
    const algebra = await s.seed.course(group.id, ivanova.id, 'Алгебра');
    const history = await s.seed.course(group.id, petrov.id, 'История');
    const a = await s.seed.lesson(algebra, '2026-11-23', '09:00', { period: 2 });
    const b = await s.seed.lesson(history, '2026-11-23', '10:00', { period: 3 });
    h.clock.set(at('2026-11-23 12:00'));
    await fill(h.app, ivanova, a.id);
    h.clock.set(at('2026-11-24 10:00'));
    await fill(h.app, petrov, b.id);
    return { ...s, ivanova, petrov, algebra, history };
  }

  it("attaches the full weekly report to the deputy's message; the PDF names the late teacher", async () => {
    h = await complianceHarness(manualClock(at('2026-11-23 08:00')));
    const s = await school();
    const deputy = await s.staff(['deputy_director'], 'Завучева', 'Анна', 'Сергеевна');

    h.clock.set(at('2026-11-30 08:00'));
    expect((await h.scan()).reports).toBe(1);
    const sent = await h.send();
    expect(sent.map((c) => [c.method, c.chatId])).toEqual([['sendDocument', h.chatOf(deputy.id)]]);
    const [report] = sent;
    expect(report!.text).toContain('Еженедельный отчёт о заполнении журнала');
    expect(report!.text).toContain('1. Петров Олег Ильич — вовремя 0 %, с опозданием 1, не заполнено 0');
    expect(report!.text).toContain('Полный отчёт по каждому учителю — в приложенном PDF.');
    expect(report!.text).not.toContain('GET /v1/compliance');
    expect(report!.document!.fileName).toBe('compliance-week_2026-11-23_2026-11-29.pdf');
    const text = pdfText(report!.document!.content);
    expect(text).toContain('ОТЧЁТ О ЗАПОЛНЕНИИ ЭЛЕКТРОННОГО ЖУРНАЛА ЗА НЕДЕЛЮ');
    expect(text).toContain('с 23.11.2026 по 29.11.2026');
    // Worst first: the late teacher's row, then the one on time, then the totals.
    expect(text).toMatch(/1\s+Петров Олег Ильич\s+1\s+0\s+1\s+0\s+0\s+0\s?%/);
    expect(text).toMatch(/2\s+Иванова Мария Петровна\s+1\s+1\s+0\s+0\s+0\s+100 %/);
    expect(text).toMatch(/Итого\s+2\s+1\s+1\s+0\s+0\s+50 %/);
  });

  it('sends the weekly report with its PDF to the director too when the policy gives them the daily alert', async () => {
    h = await complianceHarness(manualClock(at('2026-11-23 08:00')));
    const s = await school();
    await h.app.services.schools.updatePolicy({ kind: 'system' }, s.school.id, { directorGetsDailyAlert: true });
    const deputy = await s.staff(['deputy_director'], 'Завучева', 'Анна', 'Сергеевна');
    const director = await s.staff(['director'], 'Директоров', 'Павел', 'Андреевич');

    h.clock.set(at('2026-11-30 08:00'));
    expect((await h.scan()).reports).toBe(2);
    const sent = await h.send();
    expect(sent.map((c) => c.chatId).sort()).toEqual([h.chatOf(deputy.id), h.chatOf(director.id)].sort());
    const toDirector = sent.find((c) => c.chatId === h.chatOf(director.id))!;
    expect(toDirector.method).toBe('sendDocument');
    expect(toDirector.text).toContain('Еженедельный отчёт о заполнении журнала');
    expect(pdfText(toDirector.document!.content)).toContain('Петров Олег Ильич');
  });

  it("sends each head their department's month on the 10th, once, and nothing to a head without a department", async () => {
    h = await complianceHarness(manualClock(at('2026-11-23 08:00')));
    const s = await school();
    const maths = await s.staff(['teacher', 'head_of_department'], 'Орлова', 'Вера', 'Павловна');
    const humanities = await s.staff(['head_of_department'], 'Гуманитарова', 'Нина', 'Ивановна');
    const lonely = await s.staff(['head_of_department'], 'Безотделова', 'Ольга', 'Петровна');
    await h.app.services.departments.load({ kind: 'system' }, s.school.id, {
      departments: [
        { name: 'Математика', headId: maths.id, subjectIds: [s.algebra.subjectId] },
        { name: 'Гуманитарные науки', headId: humanities.id, subjectIds: [s.history.subjectId] },
      ],
    });

    h.clock.set(at('2026-12-10 07:59'));
    expect((await h.scan()).reports).toBe(0);
    // Two scanners at 08:00: the per-department claims let one of them write each report.
    h.clock.set(at('2026-12-10 08:00'));
    const [first, second] = await Promise.all([h.scan(), h.scan()]);
    expect(first!.reports + second!.reports).toBe(2);
    expect((await h.scan()).reports).toBe(0);
    const sent = await h.send();
    expect(sent.map((c) => c.method)).toEqual(['sendDocument', 'sendDocument']);
    expect(sent.map((c) => c.chatId).sort()).toEqual([h.chatOf(maths.id), h.chatOf(humanities.id)].sort());
    expect(sent.some((c) => c.chatId === h.chatOf(lonely.id))).toBe(false);

    const toMaths = sent.find((c) => c.chatId === h.chatOf(maths.id))!;
    expect(toMaths.text).toContain('<b>Отчёт МО «Математика» за ноябрь 2026 г.</b>');
    expect(toMaths.text).toContain('1 учитель, к заполнению 1 урок: вовремя 1 (100 %), с опозданием 0, не заполнено 0.');
    expect(toMaths.text).toContain('1. Иванова Мария Петровна — 1 урок: ✅ 1 · ⏰ 0 · ❌ 0');
    expect(toMaths.text).not.toContain('Петров Олег');
    const mathsPdf = pdfText(toMaths.document!.content);
    expect(mathsPdf).toContain('МО: Математика');
    expect(mathsPdf).toContain('с 01.11.2026 по 30.11.2026');
    expect(mathsPdf).toContain('Иванова Мария Петровна');
    expect(mathsPdf).not.toContain('Петров Олег');
    const toHumanities = sent.find((c) => c.chatId === h.chatOf(humanities.id))!;
    expect(toHumanities.text).toContain('1. Петров Олег Ильич — 1 урок: ✅ 0 · ⏰ 1 · ❌ 0');
    expect(toHumanities.text).not.toContain('Иванова');

    // A second pass later that day sends nothing more.
    h.clock.set(at('2026-12-10 12:00'));
    expect((await h.scan()).reports).toBe(0);
    expect(await h.send()).toEqual([]);
    const rows = await h.app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.schoolId, s.school.id), eq(notifications.kind, 'dept_report')));
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('gives a head their own department on demand and refuses a forged or foreign department', async () => {
    h = await complianceHarness(manualClock(at('2026-11-23 08:00')));
    const s = await school();
    const maths = await s.staff(['head_of_department'], 'Орлова', 'Вера', 'Павловна');
    const humanities = await s.staff(['head_of_department'], 'Гуманитарова', 'Нина', 'Ивановна');
    await h.app.services.departments.load({ kind: 'system' }, s.school.id, {
      departments: [
        { name: 'Математика', headId: maths.id, subjectIds: [s.algebra.subjectId] },
        { name: 'Гуманитарные науки', headId: humanities.id, subjectIds: [s.history.subjectId] },
      ],
    });
    const other = await createSchool(h.app);
    const otherHead = await seeder(h.app, other.school.id).user(['head_of_department']);
    const otherTeacher = await seeder(h.app, other.school.id).user(['teacher']);
    await h.app.services.departments.load({ kind: 'system' }, other.school.id, {
      departments: [{ name: 'Чужое МО', headId: otherHead.id, teacherIds: [otherTeacher.id] }],
    });
    const compliance = h.app.services.compliance;
    const [mine] = await compliance.departmentsOf(principalOf(maths));
    const [theirs] = await compliance.departmentsOf(principalOf(humanities));
    const [foreign] = await compliance.departmentsOf(principalOf(otherHead));

    h.clock.set(at('2026-12-04 09:00'));
    const report = await compliance.departmentReport(principalOf(maths), mine!.id);
    expect(report.summary.from).toBe('2026-11-01');
    expect(report.summary.teachers.map((t) => t.teacherName)).toEqual(['Иванова Мария Петровна']);
    expect(report.file.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(report.file.fileName).toBe(`department-${mine!.id}_2026-11-01_2026-11-30.pdf`);

    for (const id of [theirs!.id, foreign!.id, 2_000_000_000]) {
      await expect(compliance.departmentReport(principalOf(maths), id)).rejects.toMatchObject({ code: 'not_found' });
    }
    await expect(compliance.departmentReport(principalOf(maths), mine!.id, '2026-13')).rejects.toMatchObject({ code: 'validation_failed' });
    const teacher = principalOf(s.ivanova);
    expect(await compliance.departmentsOf(teacher)).toEqual([]);
    await expect(compliance.departmentReport(teacher, mine!.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

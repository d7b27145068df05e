import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { grades, guardianships } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import type { TestChat } from '../helpers/bot.js';
import { familySchool } from '../family/fixture.js';
import { periodMarks } from '../family/period-fixture.js';
import { testClock } from '../journal/fixture.js';
import { consentingChat, startParentBot } from './parent-harness.js';

const GONE = 'Эти оценки недоступны: ребёнок не найден среди ваших детей или не изучает этот предмет. Откройте «Мои дети» заново.';

describe("the parent's screens of the study period (emulator)", () => {
  const clock = testClock(); // Wednesday 2026-10-14, in the first quarter (01.09–24.10)
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

  const consentingParent = (f: Awaited<ReturnType<typeof familySchool>>): Promise<TestChat> =>
    consentingChat(app, harness, f.school.id, f.parent.id);
  const button = (reply: { inline: { text: string; data: string }[][] }, text: string) => reply.inline.flat().find((b) => b.text === text)!;

  it("opens from the child's screen: subjects with averages and forecasts, then one subject's marks", async () => {
    const f = await familySchool(app);
    await periodMarks(app, f);
    const chat = await consentingParent(f);
    const list = await chat.ask('Мои дети');
    expect(list.inline[0]!.map((b) => b.data)).toEqual([`pc:d:${f.child.id}`, `pc:w:${f.child.id}`, `pp:${f.child.id}`]);
    await chat.press(`pc:d:${f.child.id}`, list.message_id);
    const day = await chat.reply();
    expect(button(day, '📊 Оценки за период').data).toBe(`pp:${f.child.id}`);

    await chat.press(`pp:${f.child.id}`, day.message_id);
    const period = await chat.reply();
    expect(period.text).toContain('<b>Иванов Иван</b> — 1-я четверть, 01.09–24.10');
    expect(period.text).toContain('• <b>История &lt;Древний мир&gt;</b> — 3,00 (1 оценка) · мало оценок для прогноза');
    expect(period.text).toContain('• <b>Математика</b> — 4,50 (3 оценки) · прогноз <b>5</b> · итоговая <b>5</b>');
    expect(period.text).toContain('итоговую отметку ставит учитель');
    const math = button(period, 'Математика');

    await chat.press(math.data, period.message_id);
    const subject = await chat.reply();
    expect(subject.text).toBe(
      [
        '<b>Иванов Иван</b> — Математика\n1-я четверть, 01.09–24.10',
        '10.09 — <b>5</b> (контрольная)\n15.09 — <b>4</b>\n12.10 — <b>4</b> — устно',
        'Средний балл: <b>4,50</b> (3 оценки, с учётом веса работ)\nПрогноз итоговой: <b>5</b>\nИтоговая за 1-ю четверть: <b>5</b>',
      ].join('\n\n'),
    );
    expect(subject.inline.flat().map((b) => b.data)).toEqual([`pp:${f.child.id}`, 'pc:list']);
  });

  it('speaks English and keeps fifteen subjects within one message, two buttons a row', async () => {
    const f = await familySchool(app);
    await periodMarks(app, f);
    for (let i = 1; i <= 13; i++) {
      const course = await f.seed.course(f.group.id, f.teacher.id, `Предмет с длинным названием номер ${String(i).padStart(2, '0')}`);
      await app.db.db.insert(grades).values(
        ['5', '4', '3'].map((value, d) => ({
          schoolId: f.school.id,
          courseId: course.id,
          studentId: f.child.id,
          kind: 'current',
          value,
          date: `2026-10-0${d + 1}`,
        })),
      );
    }
    const chat = await consentingParent(f);
    const choose = await chat.ask('/language');
    await chat.press('lang:en', choose.message_id);
    await chat.reply();

    await chat.press(`pp:${f.child.id}`, choose.message_id);
    const period = await chat.reply();
    expect(period.text).toContain('<b>Иванов Иван</b> — Quarter 1, 01.09–24.10');
    expect(period.text).toContain('• <b>Математика</b> — 4.50 (3 grades) · forecast <b>5</b> · term grade <b>5</b>');
    expect(period.text).toContain('· not enough grades for a forecast');
    expect(period.text).toContain('номер 13</b> — 4.00 (3 grades) · forecast <b>4</b>');
    expect(period.text.length).toBeLessThan(4096);
    const subjects = period.inline.slice(0, -1);
    expect(subjects.flat()).toHaveLength(15);
    expect(subjects.every((row) => row.length <= 2)).toBe(true);
    expect(subjects.flat().every((b) => b.text.length <= 24)).toBe(true);
    expect(period.inline.at(-1)!.map((b) => b.text)).toEqual(['Иван: today', '← My children']);

    await chat.press(button(period, 'Математика').data, period.message_id);
    const subject = await chat.reply();
    expect(subject.text).toContain('10.09 — <b>5</b> (test paper)');
    expect(subject.text).toContain('Average: <b>4.50</b> (3 grades, weighted by kind of work)');
    expect(subject.text).toContain('Final grade forecast: <b>5</b>');
    expect(subject.text).toContain('Term grade for Quarter 1: <b>5</b>');
  });

  it('says so when the school has loaded no study periods', async () => {
    const f = await familySchool(app);
    await periodMarks(app, f, { periods: false });
    // A school's own work type, weighing 3, keeps its name (escaped once).
    const workTypes = [...(await app.services.uow.repos.schools.findById(f.school.id))!.policy.workTypes];
    workTypes.push({ code: 'project', name: 'Проект & защита', weight: 3, report: null });
    await app.services.uow.repos.schools.savePolicy(f.school.id, { workTypes });
    await app.db.db.insert(grades).values({
      schoolId: f.school.id,
      courseId: f.history.id,
      studentId: f.child.id,
      kind: 'current',
      value: '4',
      workType: 'project',
      date: '2026-10-13',
    });
    const chat = await consentingParent(f);
    await chat.press(`pp:${f.child.id}`, 1);
    const period = await chat.reply();
    expect(period.text).toContain('<b>Иванов Иван</b> — 14.08–14.10');
    expect(period.text).toContain('Учебные периоды в школе не загружены, поэтому показаны оценки за последние 2 месяца.');
    expect(period.text).toContain('• <b>Математика</b> — 4,00 (4 оценки) · прогноз <b>4</b> · итоговая <b>5</b>');
    // (3 + 4·3) / 4
    expect(period.text).toContain('• <b>История &lt;Древний мир&gt;</b> — 3,75 (2 оценки) · мало оценок для прогноза');
    await chat.press(button(period, 'История <Древний мир>').data, period.message_id);
    const history = await chat.reply();
    expect(history.text).toContain('<b>Иванов Иван</b> — История &lt;Древний мир&gt;\n14.08–14.10');
    expect(history.text).toContain('13.10 — <b>4</b> (проект &amp; защита)\n14.10 — <b>3</b>');
    expect(history.text).toContain('Прогноз итоговой: пока мало оценок (2 из 3)');
    expect(history.text).not.toContain('Итоговая за');
  });

  it('answers a forged, stale or malformed button clearly and shows nothing of the child', async () => {
    const f = await familySchool(app);
    const { chemistry } = await periodMarks(app, f);
    const chat = await consentingParent(f);
    for (const data of [
      `pp:${f.other.id}`,
      `pp:${f.other.id}:${chemistry.subjectId}`,
      `pp:${f.child.id}:${chemistry.subjectId}`,
      `pp:${f.child.id}:2147483648`,
      'pp:99999999999',
      'pp:abc',
      `pp:${f.child.id}:1:2`,
      'pp:',
    ]) {
      await chat.press(data, 1);
      const reply = await chat.reply();
      expect(reply.text, data).toBe(GONE);
      expect(reply.inline).toEqual([]);
    }
    // Once the guardianship is gone (a withdrawn child), the child's period is gone too.
    await chat.press(`pp:${f.child.id}`, 1);
    expect((await chat.reply()).text).toContain('Иванов Иван');
    await app.db.db.delete(guardianships).where(eq(guardianships.parentId, f.parent.id));
    await chat.press(`pp:${f.child.id}`, 1);
    const gone = await chat.reply();
    expect(gone.text).toBe(GONE);
    expect(gone.text).not.toContain('Иванов');
    // And after consent is withdrawn.
    const g = await familySchool(app);
    const other = await consentingParent(g);
    await app.services.family.withdrawConsent(g.parentP);
    await other.press(`pp:${g.child.id}`, 1);
    expect((await other.reply()).text).toBe(GONE);
  });
});

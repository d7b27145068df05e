/**
 * Tap count of the final-grade screen: a class of 25 whose teacher takes the suggestion for
 * most students. The class gets quarters around today (the first one's term grades open), 22
 * students three current grades each and 3 none; the teacher opens `f1:<course>` (the button a
 * term-grade reminder carries), takes every suggestion in one tap, and gives the three left a
 * mark each by name and value. Counted by doing it through the web processes under test.
 */
import type { App } from '../../src/app.js';
import { courses, enrollments, groups, lessons, students, subjects, users } from '../../src/db/schema/index.js';
import { addLocalDays, instantAt, localDateOf, type LocalDate } from '../../src/domain/shared/dates.js';
import type { InlineButton } from './telegram-stub.js';

const CLASS_SIZE = 25;
const WITHOUT_MARKS = 3;
const TZ = 'Europe/Moscow';

interface Driver {
  press: (chatId: number, data: string, messageId: number) => Promise<number>;
  keyboard: (chatId: number) => { messageId: number; inline: InlineButton[][]; text: string };
}

/** Quarters around `today`: the first ends in 5 days, so its term grades are open (they open 14 days before its end). */
function quartersAround(today: LocalDate) {
  const p = (from: number, to: number) => ({ from: addLocalDays(today, from), to: addLocalDays(today, to) });
  return {
    from: addLocalDays(today, -60),
    to: addLocalDays(today, 200),
    divisions: [{ kind: 'quarters' as const, gradeLevels: [5], periods: [p(-60, 5), p(16, 60), p(70, 130), p(140, 200)] }],
  };
}

async function seedClass(app: App, chatId: number) {
  const db = app.db.db;
  const { school } = await app.services.schools.create({ kind: 'system' }, { name: 'Бенчмарк: итоговые', timezone: TZ });
  const api = { kind: 'api' as const, schoolId: school.id };
  const today = localDateOf(new Date(), TZ);
  await app.services.year.loadPeriods(api, school.id, quartersAround(today));
  const [subject] = await db.insert(subjects).values({ schoolId: school.id, name: 'Математика' }).returning();
  const [teacher] = await db
    .insert(users)
    .values({
      schoolId: school.id,
      roles: ['teacher'],
      externalId: 'final-t',
      lastName: 'Учитель',
      firstName: 'Анна',
      telegramUserId: chatId,
      telegramChatId: chatId,
      linkedAt: new Date(),
      telegramStatus: 'active',
    })
    .returning();
  const [group] = await db.insert(groups).values({ schoolId: school.id, name: '5А', gradeLevel: 5, externalId: 'final-g' }).returning();
  const kids = await db
    .insert(students)
    .values(
      Array.from({ length: CLASS_SIZE }, (_, k) => ({
        schoolId: school.id,
        externalId: `final-s${k}`,
        lastName: `Ученик${String(k).padStart(2, '0')}`,
        firstName: 'Иван',
      })),
    )
    .returning();
  await db.insert(enrollments).values(kids.map((k) => ({ studentId: k.id, groupId: group!.id, fromDate: addLocalDays(today, -60) })));
  const [course] = await db
    .insert(courses)
    .values({ schoolId: school.id, groupId: group!.id, subjectId: subject!.id, teacherId: teacher!.id, externalId: 'final-c' })
    .returning();
  const marked = kids.slice(WITHOUT_MARKS);
  for (const [n, workType] of [null, 'control', 'lab'].entries()) {
    const date = addLocalDays(today, -20 + 7 * n);
    const startsAt = instantAt(date, '09:00', TZ);
    const [lesson] = await db
      .insert(lessons)
      .values({
        schoolId: school.id,
        courseId: course!.id,
        groupId: group!.id,
        teacherId: teacher!.id,
        date,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 45 * 60_000),
        workType,
      })
      .returning();
    await app.services.journal.addGrades(
      api,
      lesson!.id,
      marked.map((k, i) => ({ studentId: k.id, value: String(2 + ((i + n) % 4)) })),
    );
  }
  return { courseId: course!.id, api };
}

/** Opens the screen, takes the suggestions, gives the rest by hand; returns the taps and the term grades stored. */
export async function finalGradeTaps(app: App, driver: Driver, chatId = 9_000_001): Promise<string> {
  const { courseId, api } = await seedClass(app, chatId);
  let taps = 0;
  const press = async (data: string, messageId: number) => {
    await driver.press(chatId, data, messageId);
    taps++;
  };
  await press(`f1:${courseId}`, 1);
  const screen = driver.keyboard(chatId);
  const takeAll = screen.inline.flat().find((b) => b.callback_data.startsWith('fa1:'));
  if (!takeAll) throw new Error(`no "take suggestions" button: ${screen.text}`);
  await press(takeAll.callback_data, screen.messageId);
  // Students still without a grade have only their name button on their row.
  for (;;) {
    const rows = driver.keyboard(chatId).inline;
    const open = rows.find((r) => r.length === 1 && r[0]!.callback_data.startsWith('fs1:') && !r[0]!.text.includes('·'));
    if (!open) break;
    await press(open[0]!.callback_data, screen.messageId);
    const mark = driver
      .keyboard(chatId)
      .inline.flat()
      .find((b) => b.callback_data.startsWith('fv1:') && b.text === '4');
    if (!mark) throw new Error('no value button');
    await press(mark.callback_data, screen.messageId);
  }
  const sheet = await app.services.journal.finalSheet(api, courseId);
  const set = sheet.students.filter((s) => s.final).length;
  if (set !== CLASS_SIZE) throw new Error(`only ${set} of ${CLASS_SIZE} term grades were stored`);
  return `taps: final grades of a class of ${CLASS_SIZE} (${CLASS_SIZE - WITHOUT_MARKS} take the suggestion, ${WITHOUT_MARKS} have no marks): ${taps} (f1 -> take all suggestions -> ${WITHOUT_MARKS} x (name -> mark)); target <= 40`;
}

/**
 * Tap count of «✅ Всё по плану», the typical lesson (everyone present, the next КТП topic, no
 * homework): once from the day list (Сегодня -> lesson -> Всё по плану) and once from a teacher
 * reminder's button (`ap1:<lesson>:r`). Counted by doing it through the web processes under
 * test, and checked in the journal: every part of both lessons filled.
 */
import type { App } from '../../src/app.js';
import { courses, enrollments, groups, lessons, planItems, students, subjects, users } from '../../src/db/schema/index.js';
import { instantAt, localDateOf } from '../../src/domain/shared/dates.js';
import type { InlineButton } from './telegram-stub.js';

const CLASS_SIZE = 25;
const TZ = 'Europe/Moscow';

interface Driver {
  text: (chatId: number, text: string) => Promise<unknown>;
  press: (chatId: number, data: string, messageId: number) => Promise<number>;
  keyboard: (chatId: number) => { messageId: number; inline: InlineButton[][]; text: string };
}

async function seedLessons(app: App, chatId: number) {
  const db = app.db.db;
  const { school } = await app.services.schools.create({ kind: 'system' }, { name: 'Бенчмарк: всё по плану', timezone: TZ });
  const today = localDateOf(new Date(), TZ);
  const [subject] = await db.insert(subjects).values({ schoolId: school.id, name: 'Математика' }).returning();
  const [teacher] = await db
    .insert(users)
    .values({
      schoolId: school.id,
      roles: ['teacher'],
      externalId: 'plan-t',
      lastName: 'Учитель',
      firstName: 'Анна',
      telegramUserId: chatId,
      telegramChatId: chatId,
      linkedAt: new Date(),
      telegramStatus: 'active',
    })
    .returning();
  const [group] = await db.insert(groups).values({ schoolId: school.id, name: '5А', externalId: 'plan-g' }).returning();
  const kids = await db
    .insert(students)
    .values(
      Array.from({ length: CLASS_SIZE }, (_, k) => ({
        schoolId: school.id,
        externalId: `plan-s${k}`,
        lastName: `Ученик${k}`,
        firstName: 'Иван',
      })),
    )
    .returning();
  await db.insert(enrollments).values(kids.map((k) => ({ studentId: k.id, groupId: group!.id, fromDate: '2000-01-01' })));
  const [course] = await db
    .insert(courses)
    .values({ schoolId: school.id, groupId: group!.id, subjectId: subject!.id, teacherId: teacher!.id, externalId: 'plan-c' })
    .returning();
  await db.insert(planItems).values(['Натуральные числа', 'Дроби'].map((topic, i) => ({ courseId: course!.id, position: i + 1, topic })));
  const made = [];
  for (const start of ['08:00', '09:00']) {
    const startsAt = instantAt(today, start, TZ);
    const [lesson] = await db
      .insert(lessons)
      .values({
        schoolId: school.id,
        courseId: course!.id,
        groupId: group!.id,
        teacherId: teacher!.id,
        date: today,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      })
      .returning();
    made.push(lesson!.id);
  }
  return { lessonIds: made, api: { kind: 'api' as const, schoolId: school.id } };
}

/** The two ways to the typical lesson; returns the printed line, after checking both lessons are filled. */
export async function typicalLessonTaps(app: App, driver: Driver, chatId = 9_000_002): Promise<string> {
  const { lessonIds, api } = await seedLessons(app, chatId);
  const [fromDay, fromReminder] = lessonIds as [number, number];
  let dayTaps = 0;
  await driver.text(chatId, 'Сегодня');
  dayTaps++;
  await driver.press(chatId, `l1:${fromDay}`, driver.keyboard(chatId).messageId);
  dayTaps++;
  const card = driver.keyboard(chatId);
  const button = card.inline.flat().find((b) => b.callback_data.startsWith('ap1:'));
  if (!button) throw new Error(`no «Всё по плану» button: ${card.text}`);
  await driver.press(chatId, button.callback_data, card.messageId);
  dayTaps++;
  // The reminder carries the same address with `:r`; one tap from it.
  await driver.press(chatId, `ap1:${fromReminder}:r`, 1);
  const reminderTaps = 1;
  for (const id of lessonIds) {
    const { lesson, missing } = await app.services.journal.getLesson(api, id);
    if (missing.length || !lesson.attendanceFilledAt || !lesson.homeworkFilledAt || !lesson.topic)
      throw new Error(`lesson ${id} is not filled after «Всё по плану»: ${missing.join(', ')}`);
  }
  return `taps: typical lesson «Всё по плану» (everyone present + next КТП topic + no homework) ${dayTaps} (Сегодня -> lesson -> Всё по плану), ${reminderTaps} from a reminder (Всё по плану)`;
}

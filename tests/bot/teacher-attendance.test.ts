import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { enrollments, lessons } from '../../src/db/schema/index.js';
import { auditCount } from '../journal/fixture.js';
import {
  asUser,
  linkTelegram,
  NOW,
  type recordAnswers,
  teacherChat,
  emulatorSuite,
  teacherHarnessOptions,
  teacherSchool,
  testClock,
  TODAY,
  type Harness,
} from './teacher-fixture.js';

describe('teacher bot: today and attendance (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  async function setup(policy: Record<string, unknown> = {}) {
    const s = await teacherSchool(app, policy);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chatId = await linkTelegram(app, s.teacher.id);
    const chat = teacherChat(harness, harness.chat(chatId), answers);
    const saved = async () =>
      Object.fromEntries(
        (await app.services.journal.getLesson(asUser(s.teacher), lesson.id)).students.map((st) => [
          st.lastName,
          st.attendance?.status ?? null,
        ]),
      );
    return { ...s, lesson, chat, saved };
  }

  it('lists today with fill states and saves "everyone present" in three taps; a second tap is harmless', async () => {
    const s = await setup();
    const later = await s.seed.lesson(s.course, TODAY, '14:00');
    await app.services.journal.setTopic(asUser(s.teacher), later.id, { topic: 'Дроби' });
    const list = await s.chat.ask('Сегодня'); // tap 1
    expect(list.text).toContain('<b>Уроки — среда, 14 октября</b>');
    expect(list.text).toContain('1. 09:00 5А, Математика — ⚠️ нет: посещаемости, темы');
    expect(list.text).toContain('2. 14:00 5А, Математика — 🕒 ещё не начался');
    expect(list.inline.flat().map((b) => b.data)).toContain(`l1:${s.lesson.id}`);

    await s.chat.tap(`l1:${s.lesson.id}`, list.message_id); // tap 2
    const card = await s.chat.reply();
    expect(card.text).toContain('Посещаемость: не отмечена');
    expect(card.text).toContain('3 ученика');
    const press = await s.chat.tap(s.chat.button(card, 'Все присутствуют'), card.message_id); // tap 3
    expect(press.answer).toBe('Сохранено: все присутствуют.');
    expect(press.message.text).toContain('Посещаемость: все присутствуют');
    expect(await s.saved()).toEqual({ Абрамова: 'present', Ёлкин: 'present', Иванов: 'present' });
    const audited = await auditCount(app, s.school.id, 'attendance');
    expect(audited).toBe(3);

    const again = await s.chat.tap(`p1:${s.lesson.id}`, card.message_id);
    expect(again.answer).toBe('Сохранено: все присутствуют.');
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(audited);

    const relisted = await s.chat.ask('Сегодня');
    expect(relisted.text).toContain('1. 09:00 5А, Математика — ⚠️ нет: темы');
  });

  it('marks two absent in six taps, shows the saved marks when reopened, and cycles statuses', async () => {
    const s = await setup();
    const list = await s.chat.ask('Сегодня'); // 1
    await s.chat.tap(`l1:${s.lesson.id}`, list.message_id); // 2
    const card = await s.chat.reply();
    let step = await s.chat.tap(s.chat.button(card, 'Отметить отсутствующих'), card.message_id); // 3
    expect(step.message.text).toContain('посещаемость');
    const saveLabel = () => step.message.inline.flat().find((b) => b.data.startsWith('s1:'))!.text;
    expect(saveLabel()).toBe('💾 Сохранить: все присутствуют');
    step = await s.chat.tap(s.chat.button(step.message, 'Иванов И.'), card.message_id); // 4
    expect(s.chat.button(step.message, 'Иванов И.')).toBeTruthy();
    expect(step.message.inline.flat().find((b) => b.text.startsWith('Иванов'))!.text).toBe('Иванов И. н');
    step = await s.chat.tap(s.chat.button(step.message, 'Абрамова А.'), card.message_id); // 5
    expect(saveLabel()).toBe('💾 Сохранить: 2 отметки');
    expect(await s.saved()).toEqual({ Абрамова: null, Ёлкин: null, Иванов: null }); // nothing written before «Сохранить»
    step = await s.chat.tap(s.chat.button(step.message, 'Сохранить'), card.message_id); // 6
    expect(step.answer).toBe('Посещаемость сохранена.');
    expect(step.message.text).toContain('Посещаемость: 2 отметки — Абрамова А. (н), Иванов И. (н)');
    expect(await s.saved()).toEqual({ Абрамова: 'absent', Ёлкин: 'present', Иванов: 'absent' });

    // Reopening starts from what is saved; н → б → у → оп → present.
    step = await s.chat.tap(`a1:${s.lesson.id}`, card.message_id);
    expect(saveLabel()).toBe('💾 Сохранить: 2 отметки');
    const labels = () => step.message.inline.flat().find((b) => b.text.startsWith('Иванов'))!.text;
    expect(labels()).toBe('Иванов И. н');
    for (const expected of ['Иванов И. б', 'Иванов И. у', 'Иванов И. оп', 'Иванов И. ✓']) {
      step = await s.chat.tap(s.chat.button(step.message, 'Иванов И.'), card.message_id);
      expect(labels()).toBe(expected);
    }
    // The same (old) button pressed twice gives the same state: harmless.
    const sick = s.chat.button(step.message, 'Ёлкин');
    step = await s.chat.tap(sick, card.message_id);
    step = await s.chat.tap(sick, card.message_id);
    expect(step.message.inline.flat().find((b) => b.text.startsWith('Ёлкин'))!.text).toBe('Ёлкин Е. н');
    // Two students tapped quickly from the keyboard the phone still shows: both count.
    const shown = step.message;
    await s.chat.tap(s.chat.button(shown, 'Абрамова'), card.message_id);
    step = await s.chat.tap(s.chat.button(shown, 'Иванов'), card.message_id);
    expect(
      step.message.inline
        .flat()
        .slice(0, 3)
        .map((b) => b.text),
    ).toEqual(['Абрамова А. б', 'Ёлкин Е. н', 'Иванов И. н']);
    await s.chat.tap(s.chat.button(step.message, 'Сохранить'), card.message_id);
    expect(await s.saved()).toEqual({ Абрамова: 'sick', Ёлкин: 'absent', Иванов: 'absent' });
  });

  it('fits a class of 35 in one keyboard with compact data', async () => {
    const s = await setup();
    for (let i = 0; i < 32; i++) await s.seed.student(s.group.id, { lastName: `Сидоров${String(i).padStart(2, '0')}`, firstName: 'Сидор' });
    const msg = await s.chat.ask('/help');
    let step = await s.chat.tap(`a1:${s.lesson.id}`, msg.message_id);
    const buttons = step.message.inline.flat();
    expect(buttons.filter((b) => b.data.startsWith('a1:'))).toHaveLength(35);
    expect(buttons.length).toBeLessThanOrEqual(100);
    expect(Math.max(...buttons.map((b) => Buffer.byteLength(b.data)))).toBeLessThanOrEqual(64);
    step = await s.chat.tap(s.chat.button(step.message, 'Сидоров31'), msg.message_id);
    step = await s.chat.tap(s.chat.button(step.message, 'Сохранить'), msg.message_id);
    const saved = await s.saved();
    expect(saved.Сидоров31).toBe('absent');
    expect(Object.values(saved).filter((v) => v === 'present')).toHaveLength(34);
  });

  it('opens the lesson from a reminder button (open:<lessonId>) and saves everyone present in two taps', async () => {
    const s = await setup();
    const reminder = await s.chat.ask('/help'); // any bot message stands in for the reminder carrying the button
    await s.chat.tap(`open:${s.lesson.id}`, reminder.message_id);
    const card = await s.chat.reply();
    expect(card.text).toContain('Математика, 5А');
    const saved = await s.chat.tap(`p1:${s.lesson.id}`, card.message_id);
    expect(saved.answer).toBe('Сохранено: все присутствуют.');
    expect(Object.values(await s.saved())).toEqual(['present', 'present', 'present']);
  });

  it("refuses tampered data, another teacher's lesson and a cancelled lesson, writing nothing", async () => {
    const s = await setup();
    const colleagueCourse = await s.seed.course(s.group.id, s.colleague.id, 'Физика');
    const foreign = await s.seed.lesson(colleagueCourse, TODAY, '10:00');
    const msg = await s.chat.ask('/help');
    for (const data of [
      'a1:x',
      `a1:${s.lesson.id}:7:zz`,
      `s1:${s.lesson.id}:zzzzzzzzzz:zzzz`,
      `gv1:${s.lesson.id}:c:0:abcd:н`,
      'open:0',
      'l1:99999999999',
      'p1:2147483648',
      `k1:${s.lesson.id}:9999999999`,
    ]) {
      const r = await s.chat.tap(data, msg.message_id);
      expect(r.answer, data).toMatch(/Кнопка устарела|Список класса изменился|Урок не найден/);
    }
    for (const data of [
      `p1:${foreign.id}`,
      `l1:${foreign.id}`,
      `open:${foreign.id}`,
      `a1:${foreign.id}`,
      `s1:${foreign.id}:1:abcd`,
      `n1:${foreign.id}`,
      `k1:${foreign.id}:1`,
    ]) {
      const r = await s.chat.tap(data, msg.message_id);
      expect(r.answer, data).toBe('Это не ваш урок.');
      expect(r.alert).toBe(true);
    }
    expect(await s.chat.silence(200)).toBe(true);
    // A crafted deep link is only ever an access code: it shows nothing of the lesson.
    for (const link of [`/start open_${foreign.id}`, `/start l1-${foreign.id}`]) {
      const reply = await s.chat.ask(link);
      expect(reply.text).not.toContain('Физика');
      expect(reply.inline.flat().some((b) => b.data.includes(String(foreign.id)))).toBe(false);
    }
    const view = await app.services.journal.getLesson({ kind: 'api', schoolId: s.school.id }, foreign.id);
    expect(view.students.every((st) => st.attendance === null)).toBe(true);
    expect(view.lesson.homeworkFilledAt).toBeNull();
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(0);

    // Toggle data for another teacher's lesson, pressed on this teacher's own attendance keyboard:
    // it is not one of the message's buttons, so it takes the long way and is refused.
    const opened = await s.chat.tap(`a1:${s.lesson.id}`, msg.message_id);
    const own = s.chat.button(opened.message, 'Иванов');
    const crafted = own.replace(`a1:${s.lesson.id}:`, `a1:${foreign.id}:`);
    const refused = await s.chat.tap(crafted, msg.message_id);
    expect(refused.answer).toBe('Это не ваш урок.');
    expect(refused.message).toEqual(opened.message);

    // A keyboard drawn before the lesson was cancelled: a tap only redraws what the teacher
    // already sees; «Сохранить» re-reads the lesson, explains, and writes nothing.
    await app.db.db.update(lessons).set({ status: 'cancelled', cancelReason: 'карантин' }).where(eq(lessons.id, s.lesson.id));
    const toggle = await s.chat.tap(own, msg.message_id);
    expect(toggle.answer).toBeUndefined();
    expect(toggle.message.inline.flat().find((b) => b.text.startsWith('Иванов'))!.text).toBe('Иванов И. н');
    const save = await s.chat.tap(s.chat.button(toggle.message, 'Сохранить'), msg.message_id);
    expect(save.answer).toBe('Урок отменён — ничего не сохранено.');
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(0);
  });

  it('refuses a keyboard past the edit window and one whose roster changed', async () => {
    const s = await setup();
    const msg = await s.chat.ask('/help');
    const opened = await s.chat.tap(`a1:${s.lesson.id}`, msg.message_id);
    const marked = await s.chat.tap(s.chat.button(opened.message, 'Иванов'), msg.message_id);
    clock.set('2026-10-16T09:00:00Z'); // two days later: the window (1 day) is over
    const late = await s.chat.tap(s.chat.button(marked.message, 'Сохранить'), msg.message_id);
    expect(late.answer).toBe('Срок редактирования этого урока истёк — ничего не сохранено.');
    const card = await s.chat.tap(`c1:${s.lesson.id}`, msg.message_id);
    expect(card.message.text).toContain('срок редактирования истёк');
    expect(card.message.inline.flat().map((b) => b.text)).toEqual(['‹ Уроки дня']);
    clock.set(NOW);

    // Ёлкин left the class before the lesson date: the keyboard from before no longer fits.
    await app.db.db.update(enrollments).set({ toDate: '2026-10-01' }).where(eq(enrollments.studentId, s.students.yolkin.id));
    const stale = await s.chat.tap(s.chat.button(marked.message, 'Сохранить'), msg.message_id);
    expect(stale.answer).toBe('Список класса изменился — отметки показаны заново, ничего не сохранено.');
    expect(stale.message.inline.flat().some((b) => b.text.startsWith('Ёлкин'))).toBe(false);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(0);
  });

  it("saves as the account of the lesson's school for a teacher linked in two schools", async () => {
    const a = await setup();
    const b = await teacherSchool(app);
    await linkTelegram(app, b.teacher.id, a.chat.chatId);
    const lessonB = await b.seed.lesson(b.course, TODAY, '10:00');
    const msg = await a.chat.ask('/help');
    // One lesson in each school: whichever account identification lists first, one save needs the other.
    for (const [school, lesson, teacher] of [
      [a, a.lesson, a.teacher],
      [b, lessonB, b.teacher],
    ] as const) {
      const all = await a.chat.tap(`p1:${lesson.id}`, msg.message_id);
      expect(all.answer).toBe('Сохранено: все присутствуют.');
      const opened = await a.chat.tap(`a1:${lesson.id}`, msg.message_id);
      const marked = await a.chat.tap(a.chat.button(opened.message, 'Ёлкин'), msg.message_id);
      const saved = await a.chat.tap(a.chat.button(marked.message, 'Сохранить'), msg.message_id);
      expect(saved.answer).toBe('Посещаемость сохранена.');
      expect(saved.message.text).toContain('Посещаемость: 1 отметка — Ёлкин');
      const audit = await app.services.uow.repos.audit.list({ schoolId: school.school.id, entity: 'attendance', limit: 100 });
      expect(audit).toHaveLength(4);
      expect(new Set(audit.map((x) => x.actorId))).toEqual(new Set([teacher.id]));
    }
  });

  it('lets the substitute and the teacher both save: the last write wins and both are audited', async () => {
    const s = await setup();
    await app.db.db.update(lessons).set({ substituteId: s.substitute.id }).where(eq(lessons.id, s.lesson.id));
    const subChat = teacherChat(harness, harness.chat(await linkTelegram(app, s.substitute.id)), answers);
    const subList = await subChat.ask('Сегодня');
    expect(subList.text).toContain('(замена)');
    const teacherMsg = await s.chat.ask('/help');
    const opened = await s.chat.tap(`a1:${s.lesson.id}`, teacherMsg.message_id);
    const marked = await s.chat.tap(s.chat.button(opened.message, 'Иванов'), teacherMsg.message_id);
    await s.chat.tap(s.chat.button(marked.message, 'Сохранить'), teacherMsg.message_id);
    const subSave = await subChat.tap(`p1:${s.lesson.id}`, subList.message_id);
    expect(subSave.answer).toBe('Сохранено: все присутствуют.');
    expect(await s.saved()).toEqual({ Абрамова: 'present', Ёлкин: 'present', Иванов: 'present' });
    const audit = await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'attendance', limit: 100 });
    expect(new Set(audit.map((a) => a.actorId))).toEqual(new Set([s.teacher.id, s.substitute.id]));
  });

  it('answers garbage text where a button was expected without writing anything, and lists other days', async () => {
    const s = await setup();
    await s.seed.lesson(s.course, '2026-10-13', '09:00');
    const list = await s.chat.ask('Сегодня');
    const garbage = await s.chat.ask('ну все пришли короче');
    expect(garbage.text).toBe('Не понял сообщение. Выберите действие в меню.');
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(0);
    const prev = await s.chat.tap(s.chat.button(list, 'Пред. день'), list.message_id);
    expect(prev.message.text).toContain('вторник, 13 октября');
    expect(prev.message.text).toContain('⚠️ нет: посещаемости, темы');
    const picker = await s.chat.ask('Другой день');
    expect(picker.inline.flat()[0]).toEqual({ text: '‹ Вчера', data: 'd1:20261013' });
    expect(picker.inline.map((row) => row.length)).toEqual([1, 2, 2, 2]); // no empty row at the end
    expect(picker.text).toContain('напишите дату');
    expect((await s.chat.ask('/help')).text).toContain('Другой день — «Другой день» или напишите дату, например 12.10.');
    // A typed date opens that day; an impossible one is explained.
    const typed = await s.chat.ask('13.10');
    expect(typed.text).toContain('вторник, 13 октября');
    expect(typed.inline.flat().some((b) => b.data.startsWith('l1:'))).toBe(true);
    expect((await s.chat.ask('31.02')).text).toBe('Такой даты нет. Напишите дату как 12.10 или 12.10.2026.');
  });
});

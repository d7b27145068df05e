import { describe, expect, it } from 'vitest';
import type { MissingLesson } from '../../src/notifications/templates/compliance.js';
import { renderEscalation, renderReminder } from '../../src/notifications/templates/compliance.js';
import { renderAbsence, renderGrade } from '../../src/notifications/templates/index.js';

const absence = (studentName: string) => ({
  studentId: 7,
  studentName,
  date: '2026-11-23',
  lessons: [
    { lessonId: 1, attendanceId: 1, period: 2, startsAt: new Date('2026-11-23T05:00:00Z'), subject: 'Алгебра', status: 'absent' as const },
  ],
});

const missing = (n: number, teachers = 1): MissingLesson[] =>
  Array.from({ length: n }, (_, i) => ({
    lessonId: i + 1,
    schoolId: 1,
    date: '2026-10-01',
    period: 1,
    startsAt: new Date('2026-10-01T05:30:00Z'),
    endsAt: new Date('2026-10-01T06:15:00Z'),
    teacherId: (i % teachers) + 1,
    teacherName: `Петрова ${i % teachers} Ивановна`,
    teacherActive: true,
    groupName: '5А',
    subject: 'Физика',
    attendanceFilledAt: null,
    topicFilledAt: null,
    homeworkFilledAt: null,
    missing: ['topic'],
  }));
const day = { date: '2026-10-01', timezone: 'Europe/Moscow', deadline: '17:00' };

describe('notice templates', () => {
  it('escape a double quote in a name in the HTML and keep it plain in the subject and text', () => {
    const ru = renderAbsence(absence('Школьник "Петя" <Иванов>'), 'ru');
    expect(ru.html).toBe(
      'Посещаемость: <b>Школьник &quot;Петя&quot; &lt;Иванов&gt;</b>, 23 ноября\n• 2-й урок, Алгебра — н — отсутствие\n\nЕсли знаете причину отсутствия, ответьте кнопкой ниже.',
    );
    expect(ru.subject).toBe('Отсутствие: Школьник "Петя" <Иванов>, 23 ноября');
    expect(ru.text).toContain('Посещаемость: Школьник "Петя" <Иванов>, 23 ноября');
    const grade = renderGrade(
      {
        gradeId: 1,
        studentId: 7,
        studentName: 'A "B"',
        subject: 'Физика',
        value: 'pass',
        kind: 'term',
        term: 2,
        periodKind: 'quarters',
        date: '2026-12-25',
        comment: 'см. "тест"',
        deleted: false,
      },
      'en',
    );
    expect(grade.html).toBe(
      'Final grade: <b>A &quot;B&quot;</b>, 25 December\nФизика — term grade for Quarter 2: <b>pass</b> — см. &quot;тест&quot;',
    );
    expect(grade.subject).toBe('Grade: A "B"');
  });

  it('count lessons with the three Russian plural forms', () => {
    const forms: Record<number, string> = {
      1: '1 урок',
      2: '2 урока',
      5: '5 уроков',
      11: '11 уроков',
      21: '21 урок',
      22: '22 урока',
      25: '25 уроков',
    };
    for (const [n, text] of Object.entries(forms)) {
      const m = renderReminder(missing(Number(n)), { ...day, last: false }, 'ru');
      expect(m.subject).toBe(`Журнал за 1 октября: не заполнено ${text}`);
    }
    const more = renderReminder(missing(52), { ...day, last: true }, 'ru');
    expect(more.html).toContain('…и ещё 22 урока\n');
    expect(
      more.html.startsWith(
        '⏰ Последнее напоминание. Журнал за 1 октября не заполнен: <b>52 урока</b>\n• 1-й урок, 08:30, 5А, Физика — нет: тема\n',
      ),
    ).toBe(true);
  });

  it('count lessons and teachers in English', () => {
    expect(renderReminder(missing(1), { ...day, last: false }, 'en').subject).toBe('Journal of 1 October: 1 lesson not filled');
    expect(renderReminder(missing(21), { ...day, last: false }, 'en').subject).toBe('Journal of 1 October: 21 lessons not filled');
    const one = renderEscalation(missing(1), { ...day, deadline: '24:00' }, 'en');
    expect(one.html.split('\n')[0]).toBe('The journal of 1 October was not filled by midnight: 1 lesson of 1 teacher');
    const many = renderEscalation(missing(5, 2), day, 'ru');
    expect(many.html.split('\n')[0]).toBe('Журнал за 1 октября не заполнен в срок (17:00): 5 уроков у 2 учителей');
    expect(many.buttons?.[0]?.[0]?.text).toBe('Напомнить: Петрова 0. И.');
  });
});

import { describe, expect, it } from 'vitest';
import type { ClassNews } from '../../src/domain/class-daily/types.js';
import { renderClassDaily } from '../../src/notifications/templates/class-daily.js';

const base = { subject: null, value: null, gradeKind: null, term: null, lessons: null, teacherName: null, reason: null };
const news: ClassNews[] = [
  { ...base, section: 'absentToday', classId: 7, className: '7Б', studentId: 1, studentName: 'Сидорова Анна', lessons: 5 },
  { ...base, section: 'absentToday', classId: 7, className: '7Б', studentId: 2, studentName: 'Орлов <Олег>', lessons: 1 },
  { ...base, section: 'streak', classId: 7, className: '7Б', studentId: 3, studentName: 'Петров Пётр', lessons: 5 },
  {
    ...base,
    section: 'failing',
    classId: 9,
    className: '9А',
    studentId: 4,
    studentName: 'Козлов Илья',
    subject: 'Физика',
    value: '2',
    gradeKind: 'term',
    term: 1,
  },
];

describe("the class teacher's daily message text", () => {
  it('groups by class, pluralises in Russian, escapes names, and has a button per class', () => {
    const m = renderClassDaily(news, { date: '2026-11-23', absentDays: 5 }, 'ru');
    expect(m.html).toContain(
      'Весь день без объяснения причин (2 ученика):\n• Сидорова Анна — пропущено 5 уроков\n• Орлов &lt;Олег&gt; — пропущено 1 урок',
    );
    expect(m.html).toContain('Не были в школе 5 учебных дней подряд (1 ученик):\n• Петров Пётр');
    expect(m.html).toContain('<b>9А</b>\nНовые неудовлетворительные оценки (1):\n• Козлов Илья — Физика: 2 (четвертная/триместровая)');
    expect(m.buttons).toEqual([[{ text: 'Открыть 7Б', data: 'cl:7' }], [{ text: 'Открыть 9А', data: 'cl:9' }]]);
    expect(m.subject).toBe('Мой класс: что требует внимания, 23 ноября');
  });

  it('speaks English', () => {
    const m = renderClassDaily(news, { date: '2026-11-23', absentDays: 3 }, 'en');
    expect(m.html).toContain('Absent all day with no explanation (2 students):\n• Сидорова Анна — missed 5 lessons');
    expect(m.html).toContain('Absent 3 school days in a row (1 student):');
    expect(m.buttons![0]![0]!.text).toBe('Open 7Б');
  });
});

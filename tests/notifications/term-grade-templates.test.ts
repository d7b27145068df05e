import { describe, expect, it } from 'vitest';
import type { TermGradeGap } from '../../src/domain/compliance/index.js';
import { renderTermEscalation, renderTermReminder } from '../../src/notifications/templates/term-grades.js';

const gap = (courseId: number, missing: number, students: number, extra: Partial<TermGradeGap> = {}): TermGradeGap => ({
  schoolId: 1,
  courseId,
  teacherId: 1,
  teacherName: 'Петрова Анна Ивановна',
  groupName: '10А',
  subject: 'История',
  periodKind: 'halves',
  periodNumber: 1,
  due: '2026-12-26',
  students,
  missing,
  ...extra,
});

describe('term-grade notices', () => {
  it('pluralise counts in Russian and English and name each kind of period', () => {
    const ru = renderTermReminder([gap(5, 1, 21), gap(6, 21, 22, { periodKind: 'trimesters', periodNumber: 3 })], 'ru');
    expect(ru.html).toContain('<b>22 отметки</b>');
    expect(ru.html).toContain('10А, История (1-е полугодие) — нет отметки у 1 из 21 ученика, срок — 26 декабря');
    expect(ru.html).toContain('(3-й триместр) — нет отметки у 21 из 22 учеников');
    expect(ru.subject).toBe('Отметки за период: не выставлено 22 отметки');
    expect(ru.buttons).toEqual([[{ text: '10А История: 1', data: 'f1:5' }], [{ text: '10А История: 21', data: 'f1:6' }]]);

    const en = renderTermReminder([gap(5, 1, 1, { periodKind: 'quarters', periodNumber: 2 })], 'en');
    expect(en.html).toContain('Term grades are missing: <b>1 grade</b>');
    expect(en.html).toContain('10А, История (quarter 2) — no grade for 1 of 1 student, due 26 December');
    expect(en.text).toContain('Tap a class to enter the grades.');
  });

  it('escape names and cap a long list: 30 buttons at most, the rest counted', () => {
    const many = Array.from({ length: 35 }, (_, i) => gap(i + 1, 2, 25, { groupName: `<${i}>` }));
    const reminder = renderTermReminder(many, 'ru');
    expect(reminder.buttons).toHaveLength(30);
    expect(reminder.html).toContain('&lt;0&gt;');
    expect(reminder.html).toContain('…и ещё 10 отметок в других классах');

    const teachers = Array.from({ length: 32 }, (_, i) => gap(i + 1, 1, 25, { teacherId: i + 1, teacherName: `Учитель ${i} & Ко` }));
    const alert = renderTermEscalation(teachers, 'ru');
    expect(alert.html).toContain('Отметки за период не выставлены в срок: <b>32 отметки</b> у 32 учителей');
    expect(alert.html).toContain('<b>Учитель 0 &amp; Ко</b> — 1 отметка');
    expect(alert.html).toContain('…и ещё 2 учителей');
    expect(alert.buttons).toBeUndefined();
  });
});

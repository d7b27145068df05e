import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  formatDate,
  formatDay,
  formatDayMonth,
  formatMonth,
  formatTime,
  htmlToText,
  pluralEn,
  pluralRu,
  translator,
} from '../../src/i18n/index.js';
import { menuItemsFor } from '../../src/bot/index.js';
import { en } from '../../src/i18n/en.js';
import { ru } from '../../src/i18n/ru.js';

describe('bot i18n', () => {
  it('uses the three Russian plural forms', () => {
    const t = translator('ru');
    const cases: [number, string][] = [
      [1, '1 урок'],
      [2, '2 урока'],
      [4, '4 урока'],
      [5, '5 уроков'],
      [11, '11 уроков'],
      [12, '12 уроков'],
      [14, '14 уроков'],
      [21, '21 урок'],
      [22, '22 урока'],
      [25, '25 уроков'],
      [101, '101 урок'],
      [111, '111 уроков'],
      [0, '0 уроков'],
    ];
    for (const [n, text] of cases) expect(t('lessons.count', { n })).toBe(text);
    expect(pluralRu(3, ['минуту', 'минуты', 'минут'])).toBe('минуты');
    expect(translator('en')('lessons.count', { n: 1 })).toBe('1 lesson');
  });

  it('pluralises by the CLDR rules of each language', () => {
    const forms = ['урок', 'урока', 'уроков'] as const;
    const ru: [number, string][] = [
      [1, 'урок'],
      [2, 'урока'],
      [5, 'уроков'],
      [11, 'уроков'],
      [21, 'урок'],
      [22, 'урока'],
      [25, 'уроков'],
      [112, 'уроков'],
      [1.5, 'урока'],
    ];
    for (const [n, form] of ru) expect(pluralRu(n, forms)).toBe(form);
    const en: [number, string][] = [
      [0, 'lessons'],
      [1, 'lesson'],
      [2, 'lessons'],
      [11, 'lessons'],
      [21, 'lessons'],
    ];
    for (const [n, form] of en) expect(pluralEn(n, ['lesson', 'lessons'])).toBe(form);
  });

  it('escapes parameters, not the catalogue markup', () => {
    const text = translator('ru')('start.linked', { name: '<script>', school: 'A & B' });
    expect(text).toContain('<b>&lt;script&gt;</b>');
    expect(text).toContain('A &amp; B');
    expect(escapeHtml('"<&>"')).toBe('&quot;&lt;&amp;&gt;&quot;');
    expect(translator('ru')('start.linked', { name: 'Школа "Ромашка"', school: 'x' })).toContain('<b>Школа &quot;Ромашка&quot;</b>');
    expect(htmlToText('<b>&quot;&lt;&amp;&gt;&quot;</b>')).toBe('"<&>"');
  });

  it('formats dates in the school timezone', () => {
    const lateEvening = new Date('2026-09-30T21:30:00Z');
    expect(formatDate(lateEvening, 'Europe/Moscow', 'ru')).toBe('1 октября 2026 г.');
    expect(formatDate(lateEvening, 'UTC', 'en')).toBe('30 September 2026');
    expect(formatTime(lateEvening, 'Asia/Novokuznetsk')).toBe('04:30');
    expect(formatDay(lateEvening, 'Europe/Moscow', 'ru')).toBe('четверг, 1 октября');
    expect(formatDay(lateEvening, 'UTC', 'en')).toBe('Wednesday 30 September');
    expect(formatDayMonth('2026-11-23', 'ru')).toBe('23 ноября');
    expect(formatDayMonth('2026-11-23', 'en')).toBe('23 November');
    expect(formatMonth('2026-09-14', 'ru')).toBe('сентябрь 2026 г.');
    expect(formatMonth('2026-09-14', 'en')).toBe('September 2026');
  });

  it('has the same keys in every language', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('builds the menu from the roles', () => {
    expect(menuItemsFor(['teacher', 'parent'])).toEqual(['today', 'otherDay', 'children', 'reports']);
    expect(menuItemsFor(['deputy_director'])).toEqual(['control', 'reports']);
    expect(menuItemsFor(['head_of_department'])).toEqual(['control']);
    expect(menuItemsFor(['class_teacher'])).toEqual(['today', 'otherDay', 'myClass', 'reports']);
  });
});

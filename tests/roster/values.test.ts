import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/domain/csv/index.js';
import { parseRoles } from '../../src/domain/roster/csv/index.js';
import { normalizeHeader } from '../../src/domain/roster/csv/table.js';
import { gradeLevelOf, optionalDate, optionalPhone } from '../../src/domain/roster/values.js';

describe('roster values', () => {
  it('normalizes phones the way schools type them', () => {
    expect(optionalPhone('8 (913) 123-45-67')).toEqual({ ok: true, value: '+79131234567' });
    expect(optionalPhone('9131234567')).toEqual({ ok: true, value: '+79131234567' });
    expect(optionalPhone('+375 29 123-45-67')).toEqual({ ok: true, value: '+375291234567' });
    expect(optionalPhone('12-34').ok).toBe(false);
    expect(optionalPhone('звонить маме').ok).toBe(false);
    expect(optionalPhone('  ')).toEqual({ ok: true, value: undefined });
  });

  it('reads Russian and ISO dates and rejects impossible ones', () => {
    expect(optionalDate('1.9.2015')).toEqual({ ok: true, value: '2015-09-01' });
    expect(optionalDate('2015-09-01')).toEqual({ ok: true, value: '2015-09-01' });
    expect(optionalDate('31.02.2015').ok).toBe(false);
    expect(optionalDate('01/09/2015').ok).toBe(false);
  });

  it('maps Russian role words and keeps unknown ones apart', () => {
    expect(parseRoles('Учитель-предметник, кл. руководитель')).toEqual({ roles: ['teacher', 'class_teacher'], unknown: [] });
    expect(parseRoles('завуч и учитель; завхоз')).toEqual({ roles: ['deputy_director', 'teacher'], unknown: ['завхоз'] });
    expect(parseRoles('teacher,class_teacher').roles).toEqual(['teacher', 'class_teacher']);
  });

  it('matches headers regardless of case, spaces, underscores and ё', () => {
    expect(normalizeHeader(' Родитель 1 E-Mail ')).toBe(normalizeHeader('parent1_email').replace('parent', 'родитель'));
    expect(normalizeHeader('PARENT1_ID')).toBe('parent 1 id');
    expect(normalizeHeader('Отчёство')).toBe('отчество');
  });

  it('detects the encoding', () => {
    const text = 'Фамилия;Имя\nЁлкина;Алёна';
    expect(decodeCsv(iconv.encode(text, 'win1251'))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeCsv(Buffer.from(text))).toBe(text);
    expect(() => decodeCsv(iconv.encode(text, 'win1251'), 'utf-8')).toThrow(/not valid UTF-8/);
    expect(() => decodeCsv(Buffer.from(text), 'koi8-r')).toThrow(/Unsupported charset/);
  });

  it('takes the grade from the class name', () => {
    expect(gradeLevelOf('10Б')).toBe(10);
    expect(gradeLevelOf('1А')).toBe(1);
    expect(gradeLevelOf('Шахматы')).toBeNull();
    expect(gradeLevelOf('123')).toBeNull();
  });
});

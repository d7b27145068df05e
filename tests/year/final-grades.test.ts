import { describe, expect, it } from 'vitest';
import { minimumCheck, suggestFinal, weightedAverage } from '../../src/domain/year/final-grades.js';
import { DEFAULT_WORK_TYPES, validateWorkTypes } from '../../src/domain/year/work-types.js';
import { ValidationError } from '../../src/domain/shared/errors.js';

describe('final grades', () => {
  it('weighs a контрольная twice an answer in class, and skips pass/fail marks', () => {
    const marks = [
      { value: '5', workType: null },
      { value: '3', workType: 'control' },
      { value: 'pass', workType: 'credit' },
    ];
    // (5·1 + 3·2) / 3 = 3.67
    expect(weightedAverage(marks, DEFAULT_WORK_TYPES)).toBe(3.67);
    expect(
      weightedAverage(
        [
          { value: '4', workType: 'unknown-type' },
          { value: '5', workType: null },
        ],
        DEFAULT_WORK_TYPES,
      ),
    ).toBe(4.5);
    expect(weightedAverage([{ value: 'pass', workType: null }], DEFAULT_WORK_TYPES)).toBeNull();
    expect(weightedAverage([], DEFAULT_WORK_TYPES)).toBeNull();
  });

  it('suggests by rounding half up inside the scale', () => {
    expect(suggestFinal(3.5, '2-5')).toBe('4');
    expect(suggestFinal(3.49, '2-5')).toBe('3');
    expect(suggestFinal(1.2, '2-5')).toBe('2');
    expect(suggestFinal(1.2, '1-5')).toBe('1');
    expect(suggestFinal(4.5, '2-5')).toBe('5');
    expect(suggestFinal(null, '2-5')).toBeNull();
    expect(suggestFinal(4, 'pass-fail')).toBeNull();
  });

  it('warns or refuses below the minimum of current marks as the policy says', () => {
    expect(minimumCheck(3, 3, 'refuse')).toBe('ok');
    expect(minimumCheck(2, 3, 'warn')).toBe('warn');
    expect(minimumCheck(0, 3, 'refuse')).toBe('refuse');
  });

  it('checks a school list of work types, every problem at once', () => {
    expect(validateWorkTypes([{ code: 'control', name: ' Контрольная ', weight: 3, report: 'control' }])).toEqual([
      { code: 'control', name: 'Контрольная', weight: 3, report: 'control' },
    ]);
    try {
      validateWorkTypes([
        { code: 'Bad Code', name: '', weight: 0 },
        { code: 'x', name: 'X', weight: 1, report: 'exam' },
        { code: 'x', name: 'Y', weight: 11 },
      ]);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).details.map((d) => d.path)).toEqual([
        'workTypes[0].code',
        'workTypes[0].name',
        'workTypes[0].weight',
        'workTypes[1].report',
        'workTypes[2].code',
        'workTypes[2].weight',
      ]);
    }
  });
});

import type { Translate } from '../../../i18n/index.js';

/** A stored mark as a teacher reads it: pass/fail in words, numbers as they are. */
export function valueLabel(t: Translate, value: string): string {
  return value === 'pass' ? t('teacher.value.pass') : value === 'fail' ? t('teacher.value.fail') : value;
}

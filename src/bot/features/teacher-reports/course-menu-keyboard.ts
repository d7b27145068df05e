import { InlineKeyboard } from 'grammy';
import type { Translate } from '../../../i18n/index.js';
import { cb } from './callback-data.js';
import { ktpUploadButton } from '../ktp-upload/button.js';

/**
 * The menu of one course in the teacher's «Отчёты»: one button a row, so another feature may add
 * its own row (the КТП upload) without touching the others.
 */
export function courseMenuKeyboard(t: Translate, courseId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('treports.sheetButton'), cb.sheet(courseId, null))
    .row()
    .text(t('treports.attendanceButton'), cb.attendance(courseId, null))
    .row()
    .text(t('treports.planButton'), cb.plan(courseId))
    .row()
    .add(ktpUploadButton(t, courseId))
    .row()
    .text(t('treports.toCourses'), cb.courses(true));
}

import { InlineKeyboard } from 'grammy';
import type { Translate } from '../../../i18n/index.js';
import { cb } from './callback-data.js';

/** «📥 Загрузить КТП» for a course's menu: the press asks for the file (the course is authorized then). */
export function ktpUploadButton(t: Translate, courseId: number) {
  return InlineKeyboard.text(t('ktp.btn'), cb.ask(courseId));
}

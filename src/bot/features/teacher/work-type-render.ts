import { InlineKeyboard } from 'grammy';
import type { LessonView } from '../../../domain/journal/index.js';
import type { WorkType } from '../../../domain/year/work-types.js';
import { worktypesRu } from '../../../i18n/worktypes-ru.js';
import type { MessageKey, Translate } from '../../../i18n/index.js';
import { cb } from './callback-data.js';

const LABEL_MAX = 40;

/**
 * A work type's name in the reader's language, as plain text (escaped only when passed to the
 * catalogue as a parameter): the catalogue knows the default codes, the school's own name covers the rest.
 */
export function workTypeName(t: Translate, code: string, workTypes: readonly Pick<WorkType, 'code' | 'name'>[]): string {
  const key = `worktype.name.${code}`;
  if (key in worktypesRu) return t(key as MessageKey & `worktype.name.${string}`);
  return workTypes.find((w) => w.code === code)?.name ?? code;
}

/** Button labels are plain text (not HTML), so names go in unescaped; long school names are cut. */
function label(name: string): string {
  return name.length > LABEL_MAX ? `${name.slice(0, LABEL_MAX - 1)}…` : name;
}

/** The card's lines about the work type: the one set, or the КТП's suggestion while none is. */
export function workTypeLines(t: Translate, view: LessonView): string[] {
  const { workType } = view.lesson;
  if (workType) return [t('worktype.card.line', { name: workTypeName(t, workType, view.workTypes) })];
  if (view.editable.editable && view.suggestedWorkType)
    return [t('worktype.card.suggested', { name: workTypeName(t, view.suggestedWorkType, view.workTypes) })];
  return [];
}

/** The card's work-type row: the КТП's type as one tap when it suggests one, and «Вид работы» for any other. */
export function addWorkTypeButtons(kb: InlineKeyboard, t: Translate, view: LessonView): void {
  const id = view.lesson.id;
  if (view.suggestedWorkType && !view.lesson.workType)
    kb.text(`✅ ${label(workTypeName(t, view.suggestedWorkType, view.workTypes))}`, cb.workTypeSet(id, view.suggestedWorkType));
  kb.text(t('worktype.btn.open'), cb.workTypes(id)).row();
}

/** The school's types two a row, then «Обычный урок» and back to the card; the current choice is ticked. */
export function renderWorkTypePicker(t: Translate, view: LessonView): { text: string; keyboard: InlineKeyboard } {
  const id = view.lesson.id;
  const current = view.lesson.workType;
  const kb = new InlineKeyboard();
  view.workTypes.forEach((w, i) => {
    const name = label(workTypeName(t, w.code, view.workTypes));
    kb.text(w.code === current ? `✓ ${name}` : name, cb.workTypeSet(id, w.code));
    if (i % 2 === 1) kb.row();
  });
  if (view.workTypes.length % 2 === 1) kb.row();
  kb.text(current === null ? `✓ ${t('worktype.btn.plain')}` : t('worktype.btn.plain'), cb.workTypeSet(id, null)).row();
  kb.text(t('teacher.btn.back'), cb.cardInPlace(id));
  return { text: t('worktype.pick.title', { subject: view.subjectName, group: view.groupName }), keyboard: kb };
}

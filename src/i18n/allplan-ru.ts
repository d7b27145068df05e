/** «Всё по плану»: the typical lesson in one tap (lesson card and teacher reminders). */
export const allplanRu = {
  'allplan.btn': '✅ Всё по плану',
  'allplan.done': 'Всё по плану: все присутствуют, тема по КТП, без ДЗ. Любую часть можно исправить кнопками ниже.',
  'allplan.kept': 'Посещаемость уже была отмечена — отметки сохранены как есть.',
  'allplan.noTopic': 'В КТП не осталось темы для этого урока — укажите тему вручную.',
} as const;

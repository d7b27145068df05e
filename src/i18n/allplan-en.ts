import type { Messages } from './ru.js';
import type { allplanRu } from './allplan-ru.js';

export const allplanEn: Pick<Messages, keyof typeof allplanRu> = {
  'allplan.btn': '✅ All as planned',
  'allplan.done':
    'All as planned: everyone present, the next topic of the plan, no homework. Any part can be changed with the buttons below.',
  'allplan.kept': 'Attendance was already marked: the marks are kept as they were.',
  'allplan.noTopic': 'The plan has no topic left for this lesson: type the topic instead.',
};

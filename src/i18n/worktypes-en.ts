import type { Messages } from './ru.js';
import type { worktypesRu } from './worktypes-ru.js';

export const worktypesEn: Pick<Messages, keyof typeof worktypesRu> = {
  'worktype.name.control': 'Test paper',
  'worktype.name.dictation': 'Dictation',
  'worktype.name.essay': 'Essay',
  'worktype.name.summary': 'Summary writing',
  'worktype.name.credit': 'Pass/fail assessment',
  'worktype.name.lab': 'Laboratory work',
  'worktype.name.practical': 'Practical work',
  'worktype.name.independent': 'Independent work',
  'worktype.name.check': 'Check-up work',
  'worktype.name.test': 'Quiz',
  'worktype.card.line': (p) => `Work type: ${p.name}`,
  'worktype.card.suggested': (p) => `The plan says this is a ${p.name.toLowerCase()}: mark it with one tap below.`,
  'worktype.btn.open': '🧪 Work type',
  'worktype.btn.plain': 'Ordinary lesson',
  'worktype.pick.title': (p) => `<b>Work type</b> — ${p.subject}, ${p.group}\nWhat kind of lesson is it?`,
  'worktype.saved': (p) => `Work type: ${p.name}.`,
  'worktype.cleared': 'Marked as an ordinary lesson.',
  'worktype.refused.unknown': 'The school has no such work type; nothing was saved. Open the lesson again.',
  'deputy.kind.control-works': 'Tests, laboratory and practical works',
};

import type { Messages } from './ru.js';
import type { NudgeRole, nudgeRu } from './nudge-ru.js';

const BY_EN: Record<NudgeRole, string> = {
  deputy: 'the deputy director',
  director: 'the director',
  administrator: 'the administrator',
};

export const nudgeEn: Pick<Messages, keyof typeof nudgeRu> = {
  'nudge.from': (p) => `📣 <b>A reminder from ${BY_EN[p.role]} (${p.name})</b>`,
};

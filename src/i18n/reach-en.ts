import type { Messages } from './ru.js';
import type { reachRu } from './reach-ru.js';

export const reachEn: Pick<Messages, keyof typeof reachRu> = {
  'reach.parent.max': 'MAX ✅',
  'reach.parent.both': 'Telegram and MAX ✅',
  'reach.parent.blockedIn': (p: { messenger: string }) => `blocked the bot in ${p.messenger}`,
};

import type { Messages } from './ru.js';
import type { messengerRu } from './messenger-ru.js';

export const messengerEn: Pick<Messages, keyof typeof messengerRu> = {
  'messenger.title':
    '📨 <b>Where notices go</b>\n\nYou are connected to the bot in both Telegram and MAX. Notices come in one messenger; ' +
    'in the other only when the chosen one cannot deliver them.',
  'messenger.row': (p: { choice: string }) => `📨 Notices: ${p.choice}`,
  'messenger.rowOf': (p: { school: string; choice: string }) => `📨 Notices (${p.school}): ${p.choice}`,
  'messenger.onlyOne': (p: { messenger: string }) =>
    `You are connected in ${p.messenger} only, and notices come there. The choice appears once you connect the other messenger with a code from the school.`,
  'messenger.saved': (p: { messenger: string }) => `Notices will come in ${p.messenger}.`,
  'messenger.forged': 'This button is not for your account. Nothing was changed.',
  'messenger.unknown': 'The bot does not know this messenger. Nothing was changed.',
  'messenger.notLinked': (p: { messenger: string }) =>
    `You are not connected in ${p.messenger}: connect there with a code from the school first. Nothing was changed.`,
  'command.messenger': 'Where notices go: Telegram or MAX',
};

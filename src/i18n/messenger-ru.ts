/** Texts of the preferred-messenger choice (issue 19): the row in settings and /messenger (Russian, the reference). */
export const messengerRu = {
  'messenger.title':
    '📨 <b>Куда присылать уведомления</b>\n\nВы подключены к боту и в Telegram, и в MAX. Уведомления приходят в один мессенджер; ' +
    'в другой — только если в выбранный доставить не удалось.',
  'messenger.row': (p: { choice: string }) => `📨 Уведомления: ${p.choice}`,
  'messenger.rowOf': (p: { school: string; choice: string }) => `📨 Уведомления (${p.school}): ${p.choice}`,
  'messenger.onlyOne': (p: { messenger: string }) =>
    `Вы подключены только в ${p.messenger}, уведомления приходят туда. Выбор появится, когда вы подключите и второй мессенджер кодом из школы.`,
  'messenger.saved': (p: { messenger: string }) => `Уведомления будут приходить в ${p.messenger}.`,
  'messenger.forged': 'Эта кнопка не относится к вашей учётной записи. Ничего не изменено.',
  'messenger.unknown': 'Такого мессенджера бот не знает. Ничего не изменено.',
  'messenger.notLinked': (p: { messenger: string }) =>
    `Вы не подключены в ${p.messenger}: сначала подключитесь там кодом из школы. Ничего не изменено.`,
  'command.messenger': 'Куда присылать уведомления: Telegram или MAX',
};

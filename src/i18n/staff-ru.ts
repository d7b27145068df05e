/** Staff leaving: what the bot says to a closed account, and how a departed teacher shows to the deputy. */
export const staffRu = {
  'staff.closed': (p: { school: string }) =>
    `Ваш доступ к журналу закрыт школой «${p.school}». Если это ошибка, обратитесь к администратору школы.`,
  'staff.departed': ' (не работает в школе: передайте уроки другому учителю)',
  'staff.nudge.departed': 'Этот учитель больше не работает в школе: напоминать некому. Передайте его уроки другому учителю.',
};

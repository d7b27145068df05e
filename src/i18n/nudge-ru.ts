/** Who asked for a reminder: the staff role of whoever pressed «Напомнить». */
export type NudgeRole = 'deputy' | 'director' | 'administrator';

const BY_RU: Record<NudgeRole, string> = {
  deputy: 'заместителя директора',
  director: 'директора',
  administrator: 'администратора',
};

/** A reminder a person asked for, so the teacher can tell it from the automatic one. */
export const nudgeRu = {
  'nudge.from': (p: { role: NudgeRole; name: string }) => `📣 <b>Напоминание от ${BY_RU[p.role]} (${p.name})</b>`,
};

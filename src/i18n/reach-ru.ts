/** Texts of a person's reach in both messengers (issue 19): the class teacher's «Родители» (Russian, the reference). */
export const reachRu = {
  'reach.parent.max': 'MAX ✅',
  'reach.parent.both': 'Telegram и MAX ✅',
  'reach.parent.blockedIn': (p: { messenger: string }) => `в ${p.messenger} заблокировал бота`,
};

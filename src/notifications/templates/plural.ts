/** Russian plural forms: one (1, 21), few (2–4, 22–24), many (0, 5–20, 11–14). */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

export const lessonsRu = (n: number) => `${n} ${pluralRu(n, 'урок', 'урока', 'уроков')}`;
export const teachersRu = (n: number) => `${n} ${pluralRu(n, 'учителя', 'учителей', 'учителей')}`;
export const lessonsEn = (n: number) => `${n} ${n === 1 ? 'lesson' : 'lessons'}`;
export const teachersEn = (n: number) => `${n} ${n === 1 ? 'teacher' : 'teachers'}`;

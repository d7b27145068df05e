/**
 * Addresses of bot screens that notices link to (callback data, at most 64 ASCII bytes). They
 * live here because the notices (src/notifications) may not import the bot, and the bot must
 * parse exactly what the notices send: both import this one encoder. The bot's parser stays
 * strict (src/bot/features/teacher/callback-data.ts) and authorizes every press again.
 */

/** The final-grade screen of a course: its class's current or just-ended study period. */
export const finalGradesAddress = (courseId: number): string => `f1:${courseId}`;

/**
 * «Всё по плану» on a lesson: the typical lesson in one tap. From the lesson card it redraws the
 * card in place; from a reminder (`:r`) it sends the card as a new message and leaves the reminder.
 */
export const allAsPlannedAddress = (lessonId: number, from: 'card' | 'reminder' = 'card'): string =>
  from === 'reminder' ? `ap1:${lessonId}:r` : `ap1:${lessonId}`;

/**
 * Addresses of bot screens that notices link to (callback data, at most 64 ASCII bytes). They
 * live here because the notices (src/notifications) may not import the bot, and the bot must
 * parse exactly what the notices send: both import this one encoder. The bot's parser stays
 * strict (src/bot/features/teacher/callback-data.ts) and authorizes every press again.
 */

/** The final-grade screen of a course: its class's current or just-ended study period. */
export const finalGradesAddress = (courseId: number): string => `f1:${courseId}`;

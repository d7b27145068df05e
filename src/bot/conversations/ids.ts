/**
 * The ids conversations are registered and entered under, apart from their code: a feature
 * enters a conversation whose code uses the feature's helpers, and importing the id from the
 * conversation's file would make the two import each other.
 */
export const LESSON_TOPIC = 'lesson-topic';
export const LESSON_HOMEWORK = 'lesson-homework';
export const GRADE_COMMENT = 'grade-comment';

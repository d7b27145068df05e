export { classDailies, classDailyQuery, CLASS_DAILY_KIND, failingMarks } from './scan.js';
export { createClassFlagService, type ClassFlagService, type FlagTarget } from './flags.js';
export { FLAG_REASONS } from './types.js';
export type * from './types.js';

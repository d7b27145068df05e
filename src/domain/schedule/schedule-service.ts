import type { ScheduleDeps } from './context.js';
import { courseOperations } from './courses.js';
import { generationOperations } from './generate.js';
import { lessonChangeOperations } from './lesson-changes.js';
import { lessonImportOperations } from './lesson-import.js';
import { planOperations } from './plan.js';

/** Courses, lessons (explicit or generated from a weekly template), changes to lessons and КТП. */
export function createScheduleService(deps: ScheduleDeps) {
  return {
    ...courseOperations(deps),
    ...lessonImportOperations(deps),
    ...generationOperations(deps),
    ...lessonChangeOperations(deps),
    ...planOperations(deps),
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;

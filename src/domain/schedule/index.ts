export { createScheduleService, type ScheduleService } from './schedule-service.js';
export type { CourseInput, CourseReport } from './courses.js';
export type { LessonInput, LessonImportReport } from './lesson-import.js';
export type { GenerationReport } from './generate.js';
export type { TemplateInput, Bell, TemplateSlot, HolidayInput } from './template.js';
export type { SubstituteRef, LessonFilter } from './lesson-changes.js';
export type { PlanItemInput, PlanReport, CourseRef } from './plan.js';
export { MAX_PLAN_ITEMS } from './plan.js';
export { parsePlanCsv } from './plan-csv.js';
export type { Course, ScheduleRepository } from './types.js';
export { planItemsOf } from './plan-csv.js';
export type { PlanChange, PlanPreview } from './plan-preview.js';
export { MAX_PLAN_FILE_BYTES, PlanFileError, type PlanFile, type PlanFileProblem, type SpreadsheetReader } from './plan-file.js';
export {
  createPlanUploadService,
  PlanUploadError,
  PLAN_UPLOAD_TTL_MS,
  type PlanDryRun,
  type PlanUploadProblem,
  type PlanUploadService,
  type TeacherCourse,
} from './plan-upload.js';

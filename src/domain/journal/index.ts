import type { Clock } from '../shared/clock.js';
import type { LocalDate } from '../shared/dates.js';
import type { Principal } from '../shared/principal.js';
import type { Lesson } from '../lessons/types.js';
import type { UnitOfWork } from '../ports.js';
import { createAllAsPlanned, type AllAsPlannedResult } from './all-as-planned.js';
import { createAttendanceWrites } from './attendance.js';
import { createGradeImport } from './import-grades.js';
import { createGradeWrites } from './grades.js';
import { createFinalGrades, type FinalGrades } from './final-writes.js';
import { createLessonContentWrites } from './lesson-content.js';
import { createJournalReads } from './reads.js';
import type { AttendanceChange, Grade, JournalEvents } from './types.js';
import type {
  AttendanceInput,
  DayLesson,
  GradeInput,
  GroupJournal,
  ImportGradeDraft,
  ImportGradesResult,
  LessonView,
  TopicInput,
} from './views.js';

export type * from './types.js';
export type * from './views.js';
export { ATTENDANCE_STATUSES, GRADE_KINDS } from './types.js';
export { MAX_TOPIC, MAX_HOMEWORK } from './lesson-content.js';
export type { AllAsPlannedResult, PlannedPart } from './all-as-planned.js';
export { MAX_IMPORT_ITEMS } from './import-grades.js';
export { MAX_JOURNAL_DAYS } from './reads.js';

export interface JournalServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  /** Called inside each change's transaction (the notifications outbox); none by default. */
  events?: JournalEvents;
}

/**
 * The class journal: what teachers fill in the bot and the school's main journal sends over the API.
 *
 * Who may do what: the lesson's teacher and its substitute read and change it; the school
 * administration (administrator, director, deputy director) and the school's API key read any
 * lesson of the school; the class teacher of the group reads it. Ids of another school raise
 * NotFoundError; a lesson of one's own school that is not one's own raises ForbiddenError.
 *
 * When a lesson can be changed: never in a closed school year (ReadOnlyError reason
 * 'closed_year'), never when cancelled ('cancelled'); a teacher only until `editWindowDays` after
 * the lesson day in the school's timezone ('edit_window'; the API key is not bound by it);
 * attendance and grades not before the lesson day ('not_started').
 */
export type * from './final-grade-types.js';
export type { FinalSheet, FinalSheetStudent, FinalOptions } from './final-sheet.js';
export type { TermGradeInput, TermGradesResult } from './final-writes.js';

export interface JournalService extends FinalGrades {
  /**
   * The caller's lessons on a local date (their own and the ones they substitute), ordered by
   * start, with what is still missing and whether it can be changed. Cancelled lessons are listed
   * with `status: 'cancelled'`. Only a user principal has a day. Throws ValidationError for a bad date.
   */
  lessonsForDay(principal: Principal, date: LocalDate): Promise<DayLesson[]>;

  /**
   * One lesson with the students of its group on the lesson date (sorted by last, first name),
   * their saved attendance (null when not marked yet), its grades, the next КТП topic, and
   * whether the caller can change it now. Throws NotFoundError or ForbiddenError.
   */
  getLesson(principal: Principal, lessonId: number): Promise<LessonView>;

  /**
   * Saves the attendance of a whole lesson: `{ allPresent: true }`, or `{ marks }` with only the
   * exceptions (students not listed are saved as present). Marks of students not in the group on
   * the lesson date fail with ValidationError and nothing is written. Writes only what changed,
   * with one audit row per changed mark, and calls `events.attendanceChanged` in the same
   * transaction. Returns the changes (empty when nothing changed). Saves of one lesson queue up;
   * the last one wins.
   */
  saveAttendance(principal: Principal, lessonId: number, input: AttendanceInput): Promise<AttendanceChange[]>;

  /**
   * saveAttendance for a caller that decides the marks from the lesson as it is while the save
   * holds it (the bot's keyboard names students by position and keeps saved reasons): `decide`
   * gets the lesson as getLesson shows it, read under the lock, and returns the input; it must not
   * wait on anything, and anything it throws writes nothing and is rethrown. Returns the changes
   * and the lesson as getLesson would show it after the save, so the caller need not read it again.
   */
  updateAttendance(
    principal: Principal,
    lessonId: number,
    decide: (current: LessonView) => AttendanceInput,
  ): Promise<{ changes: AttendanceChange[]; lesson: LessonView }>;

  /**
   * Sets the lesson topic: free text (`{ topic }`, trimmed, 1..500 characters) or a КТП item of
   * the lesson's course (`{ planItemId }`, its topic is used). Audited; returns the lesson.
   */
  setTopic(principal: Principal, lessonId: number, input: TopicInput): Promise<Lesson>;

  /**
   * Sets the lesson's work type (a code of the school's `policy.workTypes`) or `null` for an
   * ordinary lesson, under the same rules as the topic; an unknown code raises ValidationError.
   * The lesson's current grades take the new type in the same transaction (new ones take it at
   * entry). Audited as `lesson_work_type`; returns the lesson. A topic set from a КТП item
   * brings the item's work type along when the lesson has none.
   */
  setWorkType(principal: Principal, lessonId: number, workType: string | null): Promise<Lesson>;

  /**
   * Sets the homework (trimmed, 1..2000 characters) or `null` for "no homework"; either fills
   * the homework part. Audited; returns the lesson.
   */
  setHomework(principal: Principal, lessonId: number, homework: string | null): Promise<Lesson>;

  /**
   * «Всё по плану», the typical lesson in one transaction: everyone present, the next КТП topic
   * (bringing its work type when the lesson has none) and no homework, under the rules of
   * attendance (which include the content's). Only unfilled parts are written: saved marks are
   * kept (`attendanceKept`), a set topic or homework stays. An unfilled topic with no КТП topic
   * left raises ValidationError and nothing is written. Audited as the separate parts are; no
   * events (nobody is absent). Returns the parts filled and the lesson.
   */
  fillAsPlanned(principal: Principal, lessonId: number): Promise<AllAsPlannedResult>;

  /**
   * Adds grades on a lesson (dated with the lesson date). Values must be in the school's scale
   * ('5'..'2', '5'..'1', or 'pass'/'fail'; "зачёт"/"незачёт" are read as pass/fail); "н/а", "осв."
   * and similar are rejected. A teacher enters term and year grades only in their class's final-grade windows
   * (docs/school-year.md, "Final grades"), or in `policy.finalGradeMonths` when no study period covers the class;
   * a term grade over fewer current grades than the policy's minimum is refused under the rule 'refuse'. Every grade
   * is checked first (ValidationError with `grades[i].field` paths; nothing saved). Audited; calls
   * `events.gradesChanged`. Returns the created grades.
   */
  addGrades(principal: Principal, lessonId: number, grades: GradeInput[]): Promise<Grade[]>;

  /**
   * Removes a grade (soft delete), under the same rules as changing its lesson. Grades that came
   * from the main journal (no lesson) are removed only with the API key. Audited; calls
   * `events.gradesChanged` with `after: null`. Returns the removed grade.
   */
  removeGrade(principal: Principal, gradeId: number): Promise<Grade>;

  /**
   * A group's journal for an inclusive range of at most 93 days: every lesson with its attendance
   * and grades, and every student in the group on any day of the range with their spans. For the
   * school administration, the API key and the class teacher.
   */
  groupJournal(principal: Principal, groupId: number, from: LocalDate, to: LocalDate): Promise<GroupJournal>;

  /**
   * Takes up to 5,000 grades from the school's main journal (API key only), idempotent by
   * `externalId`: the same item again changes nothing, a changed one is updated (audited with
   * before/after). All items are checked first; any problem raises ValidationError with
   * `items[i].field` paths and nothing is written. Calls `events.gradesChanged` for what was
   * created or updated. The final-grade months do not apply: the main journal is the source.
   */
  importGrades(principal: Principal, items: ImportGradeDraft[]): Promise<ImportGradesResult>;
}

export function createJournalService(deps: JournalServiceDeps): JournalService {
  return {
    ...createJournalReads(deps),
    ...createAttendanceWrites(deps),
    ...createLessonContentWrites(deps),
    ...createAllAsPlanned(deps),
    ...createGradeWrites(deps),
    ...createGradeImport(deps),
    ...createFinalGrades(deps),
  };
}

import type { Lesson, PlanItem as LessonPlanItem } from '../lessons/types.js';
import type { LocalDate } from '../shared/dates.js';

/** A course: one subject taught to one group by one teacher. */
export interface Course {
  id: number;
  schoolId: number;
  externalId: string | null;
  groupId: number;
  subjectId: number;
  subject: string;
  teacherId: number;
  plannedHours: number | null;
}

export interface CourseWrite {
  schoolId: number;
  externalId: string;
  groupId: number;
  subjectId: number;
  teacherId: number;
  plannedHours: number | null;
}

/** A staff member as the schedule needs them: to check that a teacher is one. */
export interface StaffRef {
  id: number;
  externalId: string | null;
  roles: readonly string[];
  active: boolean;
}

export interface NewLesson {
  schoolId: number;
  courseId: number;
  groupId: number;
  teacherId: number;
  externalId: string | null;
  date: LocalDate;
  period: number | null;
  /** The room («Кабинет»), when the import gives one. */
  room?: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** An already stored lesson, keyed the way generation and imports detect duplicates. */
export interface LessonKey {
  id: number;
  courseId: number;
  startsAt: Date;
  externalId: string | null;
}

export interface PlanItem extends LessonPlanItem {
  /** Lessons that link to this item; a used item is never deleted by a re-import. */
  usedBy: number;
}

export interface PlanChanges {
  deleteIds: number[];
  /** Final position, topic and hours of the rows that stay. */
  updates: { id: number; position: number; topic: string; hours: number; workType: string | null }[];
  inserts: { position: number; topic: string; hours: number; workType: string | null }[];
}

export interface LessonQuery {
  schoolId: number;
  from: LocalDate;
  to: LocalDate;
  groupId?: number;
  /** Lessons the teacher gives: their own or substituted. */
  teacherId?: number;
}

export interface ScheduleRepository {
  groupIdsByExternal(schoolId: number, externalIds: string[]): Promise<Map<string, number>>;
  groupExists(schoolId: number, groupId: number): Promise<boolean>;
  /** The class of each group: a subgroup's class, the group itself otherwise. */
  classesOfGroups(groupIds: number[]): Promise<Map<number, number>>;
  staffByExternal(schoolId: number, externalIds: string[]): Promise<StaffRef[]>;
  staffById(schoolId: number, id: number): Promise<StaffRef | null>;
  /** Subject name -> id, creating the missing subjects. */
  ensureSubjects(schoolId: number, names: string[]): Promise<Map<string, number>>;
  listCourses(schoolId: number, filter?: { groupId?: number; teacherId?: number }): Promise<Course[]>;
  coursesByExternal(schoolId: number, externalIds: string[]): Promise<Course[]>;
  courseById(id: number): Promise<Course | null>;
  /** The courses one teacher teaches, with their group's name, by group and subject. */
  teacherCourses(schoolId: number, teacherId: number): Promise<(Course & { groupName: string })[]>;
  /** Inserts or updates by (school, externalId); returns externalId -> id. */
  upsertCourses(rows: CourseWrite[]): Promise<Map<string, number>>;

  /** Lessons of these courses between two local dates (inclusive). */
  lessonKeys(schoolId: number, courseIds: number[], from: LocalDate, to: LocalDate): Promise<LessonKey[]>;
  lessonsByExternal(schoolId: number, externalIds: string[]): Promise<Lesson[]>;
  /** Multi-row inserts in chunks; rows that already exist are skipped. Returns how many were inserted. */
  insertLessons(rows: NewLesson[]): Promise<number>;
  moveLesson(
    id: number,
    to: Pick<NewLesson, 'courseId' | 'groupId' | 'teacherId' | 'date' | 'period' | 'room' | 'startsAt' | 'endsAt'>,
  ): Promise<void>;
  findLesson(id: number): Promise<Lesson | null>;
  updateLesson(
    id: number,
    patch: { status?: 'scheduled' | 'cancelled'; cancelReason?: string | null; substituteId?: number | null },
  ): Promise<Lesson>;
  listLessons(query: LessonQuery): Promise<Lesson[]>;

  holidayDates(schoolId: number, from: LocalDate, to: LocalDate): Promise<LocalDate[]>;
  /** Returns how many dates were new. */
  addHolidays(schoolId: number, days: { date: LocalDate; name: string | null }[]): Promise<number>;

  planItems(courseId: number): Promise<PlanItem[]>;
  savePlan(courseId: number, changes: PlanChanges): Promise<void>;
}

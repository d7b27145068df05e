import type { LocalDate } from '../shared/dates.js';
import type { GroupKind } from '../roster/types.js';

/** One enrollment as the departure and promotion rules read it. */
export interface EnrollmentRow {
  id: number;
  studentId: number;
  groupId: number;
  groupName: string;
  kind: GroupKind;
  fromDate: LocalDate;
  toDate: LocalDate | null;
}

export interface StudentRef {
  id: number;
  externalId: string | null;
  lastName: string;
  firstName: string;
}

export interface GuardianRef {
  parentId: number;
  studentId: number;
  lastName: string;
  firstName: string;
}

/** A class about to move up a year (it has students enrolled since before the promotion date). */
export interface PromotableClass {
  id: number;
  externalId: string | null;
  name: string;
  gradeLevel: number | null;
  classTeacherId: number | null;
  students: number;
}

export interface DepartureWrite {
  studentIds: number[];
  /** First day away: enrollments close the day before, guardianships end on it. */
  date: LocalDate;
  reason: string;
}

export interface MovementRepository {
  /** A student of the school (null for an unknown id or another school's student). */
  student(schoolId: number, studentId: number): Promise<StudentRef | null>;
  studentsByIds(studentIds: number[]): Promise<StudentRef[]>;
  /** Enrollments still open (no last day) of these students, with their groups. */
  openEnrollments(studentIds: number[]): Promise<EnrollmentRow[]>;
  /** Students of the school with an open class enrollment, with that class. */
  studentsInClasses(schoolId: number): Promise<(StudentRef & { groupName: string })[]>;
  /** Guardians whose link to these students has not ended. */
  activeGuardians(studentIds: number[]): Promise<GuardianRef[]>;
  /** Closes open enrollments on `date − 1` with the reason; ends the guardianships on `date`. */
  recordDepartures(write: DepartureWrite): Promise<void>;
  /** Cancels pending and queued notices about these students; how many per student. */
  cancelNoticesAbout(schoolId: number, studentIds: number[], at: Date): Promise<Map<number, number>>;
  /** Classes with students enrolled since before `date` whose enrollment is still open. */
  promotableClasses(schoolId: number, date: LocalDate): Promise<PromotableClass[]>;
  /** Open class enrollments of these groups that began before `date`. */
  openEnrollmentsOfGroups(groupIds: number[], date: LocalDate): Promise<EnrollmentRow[]>;
  /** Open enrollments in the subgroups of these classes that began before `date`: a subgroup is formed for one year. */
  openSubgroupEnrollmentsOfClasses(classIds: number[], date: LocalDate): Promise<EnrollmentRow[]>;
  /** Renames the external ids of groups (last year's classes) to free them for the new ones. */
  renameGroupExternalIds(changes: { id: number; externalId: string }[]): Promise<void>;
}

import type { AuditEntry } from '../audit/types.js';
import type { LocalDate } from '../shared/dates.js';

export const GROUP_KINDS = ['class', 'club', 'subgroup'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const STAFF_ROLES = ['teacher', 'class_teacher', 'deputy_director', 'director', 'head_of_department', 'administrator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * What an import says about one entity. On an existing row, an optional field that is
 * absent (undefined) keeps the stored value; `null` clears it.
 */
export interface GroupInput {
  externalId: string;
  /** Default for a new group: the external id (the CSV files name classes only this way). */
  name?: string;
  kind?: GroupKind;
  /** A subgroup's class (required for kind 'subgroup', refused for the others). */
  parentExternalId?: string;
  gradeLevel?: number | null;
  classTeacherExternalId?: string | null;
}

export interface StaffInput {
  externalId: string;
  lastName: string;
  firstName: string;
  middleName?: string | null;
  email?: string | null;
  phone?: string | null;
  roles: string[];
}

export interface StudentInput {
  externalId: string;
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate?: string | null;
  /** The student's class (or, in files older than the club list, one club). */
  groupExternalId: string;
  /** Every club of the student: clubs not listed close as of the effective date, new ones open; absent = keep. */
  clubExternalIds?: string[];
  /** Every subgroup of the student, all of the student's class; same rules as the clubs. */
  subgroupExternalIds?: string[];
}

export interface ParentInput {
  externalId: string;
  lastName: string;
  firstName: string;
  middleName?: string | null;
  email?: string | null;
  phone?: string | null;
  childrenExternalIds: string[];
  relation?: string | null;
}

export interface RosterInput {
  groups?: GroupInput[];
  staff?: StaffInput[];
  students?: StudentInput[];
  parents?: ParentInput[];
}

export type RosterList = 'groups' | 'staff' | 'students' | 'parents';

/** Where a problem is, in the words of the source: a JSON path, or a CSV line and column. */
export interface Location {
  row: number;
  field: string;
  path: string;
}
export type Locate = (list: RosterList, index: number, field: string) => Location;

export interface ImportOptions {
  dryRun?: boolean;
  /** The day movements take effect; default: today in the school's timezone. */
  effectiveDate?: LocalDate;
  /** Needed only by the system principal, which belongs to no school. */
  schoolId?: number;
  /** Students in a class who are missing from the import are withdrawn as of the effective date. */
  withdrawMissing?: boolean;
}

/** A student a `withdrawMissing` import withdraws (or would, in a dry run). */
export interface MissingStudent {
  studentId: number;
  externalId: string | null;
  name: string;
  className: string;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  dryRun: boolean;
  effectiveDate: LocalDate;
  groups: Counts;
  staff: Counts;
  students: Counts;
  parents: Counts;
  guardianships: Counts;
  /**
   * `corrected`: an enrollment that started on the effective date had its group changed in place,
   * or was removed (a club or subgroup left on the day it was joined).
   */
  enrollments: { opened: number; closed: number; corrected: number };
  /** Every group the import named, externalId -> id (null for groups a dry run would create). */
  groupIds: Record<string, number | null>;
  /** With `withdrawMissing`: the students withdrawn as missing from the import (empty otherwise). */
  withdrawn: MissingStudent[];
}

export interface GroupSummary {
  id: number;
  externalId: string | null;
  name: string;
  kind: GroupKind;
  /** A subgroup's class. */
  parentGroupId: number | null;
  gradeLevel: number | null;
  classTeacher: { id: number; externalId: string | null; lastName: string; firstName: string; middleName: string | null } | null;
  studentCount: number;
}

// Rows as stored, as far as the importer needs them.
export interface StoredGroup {
  id: number;
  externalId: string | null;
  name: string;
  kind: GroupKind;
  parentGroupId: number | null;
  gradeLevel: number | null;
  classTeacherId: number | null;
}

export interface StoredUser {
  id: number;
  externalId: string;
  roles: string[];
  lastName: string;
  firstName: string;
  middleName: string | null;
  email: string | null;
  phone: string | null;
}

export interface StoredStudent {
  id: number;
  externalId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: LocalDate | null;
}

export interface OpenEnrollment {
  id: number;
  studentId: number;
  groupId: number;
  fromDate: LocalDate;
}

export interface Guardianship {
  parentId: number;
  studentId: number;
  relation: string | null;
  /** Set when the child left: the link ended and starts again only when the child is enrolled again. */
  endedOn?: LocalDate | null;
}

export type UserWrite = Omit<StoredUser, 'id'>;
export type StudentWrite = Omit<StoredStudent, 'id'>;
export interface GroupWrite {
  externalId: string;
  name: string;
  kind: GroupKind;
  parentGroupId: number | null;
  gradeLevel: number | null;
  classTeacherId: number | null;
}
export interface EnrollmentWrite {
  studentId: number;
  groupId: number;
  fromDate: LocalDate;
  reason: string;
}

export interface RosterRepository {
  /** Serializes imports of one school for the rest of the transaction. */
  lockSchool(schoolId: number): Promise<void>;
  groupsOf(schoolId: number): Promise<StoredGroup[]>;
  usersByExternalIds(schoolId: number, externalIds: string[]): Promise<StoredUser[]>;
  studentsByExternalIds(schoolId: number, externalIds: string[]): Promise<StoredStudent[]>;
  openEnrollmentsOf(studentIds: number[]): Promise<OpenEnrollment[]>;
  guardianshipsOf(parentIds: number[]): Promise<Guardianship[]>;
  /** Insert-or-update by (school, externalId); returns the ids of every row written. */
  upsertUsers(schoolId: number, rows: UserWrite[]): Promise<{ id: number; externalId: string }[]>;
  upsertGroups(schoolId: number, rows: GroupWrite[]): Promise<{ id: number; externalId: string }[]>;
  upsertStudents(schoolId: number, rows: StudentWrite[]): Promise<{ id: number; externalId: string }[]>;
  closeEnrollments(ids: number[], toDate: LocalDate): Promise<void>;
  /** Enrollments that start on the effective date and are undone the same day: they never took effect. */
  deleteEnrollments(ids: number[]): Promise<void>;
  regroupEnrollments(changes: { id: number; groupId: number }[]): Promise<void>;
  addEnrollments(rows: EnrollmentWrite[]): Promise<void>;
  upsertGuardianships(rows: Guardianship[]): Promise<void>;
  /** The audit repository's record, for thousands of rows at once. */
  recordAudit(entries: AuditEntry[]): Promise<void>;
  listGroups(schoolId: number, onDate: LocalDate): Promise<GroupSummary[]>;
}

export interface DepartmentInput {
  name: string;
  headId: number;
  /** Teachers listed by name (user id). */
  teacherIds?: number[];
  /** Subjects whose teachers belong: anyone teaching a course of one of them. */
  subjectIds?: number[];
}

/** A department as stored: lists deduplicated and sorted. */
export interface PlannedDepartment {
  name: string;
  headId: number;
  teacherIds: number[];
  subjectIds: number[];
}

export interface Department extends PlannedDepartment {
  id: number;
}

/** A user of the school as the load needs to check them. */
export interface DepartmentPerson {
  id: number;
  roles: string[];
}

export interface DepartmentRepository {
  list(schoolId: number): Promise<Department[]>;
  /** Replaces the school's whole list with `planned`. */
  replaceAll(schoolId: number, planned: PlannedDepartment[]): Promise<void>;
  /** The school's users among `ids` (others belong to another school or do not exist). */
  peopleOf(schoolId: number, ids: number[]): Promise<DepartmentPerson[]>;
  /** The school's subjects among `ids`. */
  subjectIdsOf(schoolId: number, ids: number[]): Promise<number[]>;
  /** Teachers of courses of these subjects in the school. */
  teachersOfSubjects(schoolId: number, subjectIds: number[]): Promise<number[]>;
  /**
   * Every head of department of these schools with the teachers of all they head (listed, or
   * teaching a course of a listed subject), one row per head and teacher.
   */
  teachersOfHeads(schoolIds: number[]): Promise<{ schoolId: number; headId: number; teacherId: number }[]>;
  /** Departments the user heads. */
  headedBy(schoolId: number, userId: number): Promise<Department[]>;
}

import type { Department, DepartmentRepository } from './types.js';

/** A department with the teachers it covers now: those listed and those teaching its subjects. */
export type DepartmentWithMembers = Department & { memberIds: number[] };

export async function withMembers(repo: DepartmentRepository, schoolId: number, d: Department): Promise<DepartmentWithMembers> {
  const bySubject = d.subjectIds.length ? await repo.teachersOfSubjects(schoolId, d.subjectIds) : [];
  return { ...d, memberIds: [...new Set([...d.teacherIds, ...bySubject])].sort((a, b) => a - b) };
}

/** Every teacher of the departments `headId` heads; empty when they head none. */
export async function teachersOfHead(repo: DepartmentRepository, schoolId: number, headId: number): Promise<Set<number>> {
  const headed = await Promise.all((await repo.headedBy(schoolId, headId)).map((d) => withMembers(repo, schoolId, d)));
  return new Set(headed.flatMap((d) => d.memberIds));
}

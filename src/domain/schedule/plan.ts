import { ConflictError, NotFoundError } from '../shared/errors.js';
import { assertSchoolAdmin, type Principal } from '../shared/principal.js';
import { cleanTypedText } from '../shared/text.js';
import { readWorkType, type WorkType } from '../year/work-types.js';
import { adminSchool, auditOf, isInt, nonEmpty, Problems, schoolIdOf, type ScheduleDeps } from './context.js';
import { describePlanChanges, planBasis, type PlanPreview } from './plan-preview.js';
import type { Course, PlanChanges, PlanItem } from './types.js';

export interface PlanItemInput {
  position?: number | null;
  topic: string;
  hours?: number | null;
  /** Code or Russian name of one of the school's work types (case-insensitive); none when absent or blank. */
  workType?: string | null;
  /** The file's line the item came from (CSV): problems name it instead of the item's place. */
  line?: number;
}

export type WantedItem = { position: number; topic: string; hours: number; workType: string | null };

export type CourseRef = { courseId: number } | { courseExternalId: string };

export interface PlanReport {
  courseId: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Items the new plan dropped but lessons still link to: kept, after the new topics. */
  kept: { id: number; position: number; topic: string; lessons: number; reason: string }[];
  items: { id: number; position: number; topic: string; hours: number; workType: string | null }[];
}

/** A course's КТП has at most this many topics (a year of daily lessons is under 200). */
export const MAX_PLAN_ITEMS = 1000;
const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export function validatePlan(items: PlanItemInput[], workTypes: readonly WorkType[] = []): WantedItem[] {
  const problems = new Problems();
  if (!Array.isArray(items) || items.length === 0) problems.add('items', 'must be a non-empty list');
  else if (items.length > MAX_PLAN_ITEMS) problems.add('items', `at most ${MAX_PLAN_ITEMS} topics`);
  const codes: (string | null)[] = [];
  const list = (Array.isArray(items) ? items : []).map((item) => ({ ...item, topic: cleanTypedText(item?.topic).replace(/\s+/g, ' ') }));
  list.forEach((item, i) => {
    const at = `items[${i}]`;
    if (item.position != null && item.position !== i + 1)
      problems.add(`${at}.position`, `must be ${i + 1}: topics are numbered 1..n in the order given`, i + 1);
    if (!nonEmpty(item.topic, 1000)) problems.add(`${at}.topic`, 'is required (1 to 1000 characters)', i + 1);
    if (item.hours != null && !isInt(item.hours, 1, 100)) problems.add(`${at}.hours`, 'must be an integer from 1 to 100', i + 1);
    const workType = readWorkType(workTypes, item.workType);
    if ('error' in workType) problems.add(`${at}.workType`, workType.error, item.line ?? i + 1);
    else codes[i] = workType.code;
  });
  problems.throwIfAny('The plan is invalid');
  return list.map((item, i) => ({ position: i + 1, topic: item.topic, hours: item.hours ?? 1, workType: codes[i] ?? null }));
}

/**
 * Matches the new plan to the stored one by position. An unused item takes the new topic;
 * a used item keeps its place when the topic is the same, otherwise it is kept after the
 * new topics so that the lessons that link to it keep their link.
 */
export function diffPlan(stored: PlanItem[], wanted: WantedItem[]) {
  const byPosition = new Map(stored.map((s) => [s.position, s]));
  const changes: PlanChanges = { deleteIds: [], updates: [], inserts: [] };
  const consumed = new Set<number>();
  let updated = 0;
  let unchanged = 0;
  for (const w of wanted) {
    const s = byPosition.get(w.position);
    if (s && (s.usedBy === 0 || norm(s.topic) === norm(w.topic))) {
      consumed.add(s.id);
      changes.updates.push({ id: s.id, ...w });
      if (s.topic === w.topic && s.hours === w.hours && s.workType === w.workType) unchanged++;
      else updated++;
    } else changes.inserts.push(w);
  }
  const kept: PlanReport['kept'] = [];
  let next = wanted.length + 1;
  for (const s of stored) {
    if (consumed.has(s.id)) continue;
    if (s.usedBy === 0) changes.deleteIds.push(s.id);
    else {
      changes.updates.push({ id: s.id, position: next, topic: s.topic, hours: s.hours, workType: s.workType });
      kept.push({
        id: s.id,
        position: next++,
        topic: s.topic,
        lessons: s.usedBy,
        reason: `used by ${s.usedBy} lesson(s), so it was kept after the new topics`,
      });
    }
  }
  const moved = kept.some((k) => byPosition.get(k.position)?.id !== k.id);
  return { changes, updated, unchanged, kept, changed: changes.inserts.length + changes.deleteIds.length + updated > 0 || moved };
}

export function planOperations(deps: ScheduleDeps) {
  async function courseOf(schoolId: number, ref: CourseRef): Promise<Course> {
    const repo = deps.uow.repos.schedule;
    const course =
      'courseId' in ref
        ? await repo.courseById(ref.courseId)
        : ((await repo.coursesByExternal(schoolId, [ref.courseExternalId]))[0] ?? null);
    if (!course || course.schoolId !== schoolId) throw new NotFoundError('Course', 'courseId' in ref ? ref.courseId : ref.courseExternalId);
    return course;
  }

  /**
   * The school and the course whose plan the principal may load: the school's administration
   * (its API key included) any course, a teacher (in the bot) only a course they teach.
   */
  async function planCourse(principal: Principal, ref: CourseRef) {
    const schoolId = schoolIdOf(principal);
    const course = await courseOf(schoolId, ref);
    if (principal.kind !== 'user' || course.teacherId !== principal.userId) assertSchoolAdmin(principal, schoolId);
    const school = await deps.uow.repos.schools.findById(schoolId);
    if (!school) throw new NotFoundError('School', schoolId);
    return { school, course };
  }

  return {
    /** Loads a course's КТП. Without `replace`, a course that already has a different plan is a conflict. */
    async importPlan(
      principal: Principal,
      ref: CourseRef,
      items: PlanItemInput[],
      options: { replace?: boolean } = {},
    ): Promise<PlanReport> {
      const { school, course } = await planCourse(principal, ref);
      const wanted = validatePlan(items, school.policy.workTypes);
      return deps.uow.transaction(async (tx) => {
        const stored = await tx.schedule.planItems(course.id);
        const diff = diffPlan(stored, wanted);
        if (stored.length && diff.changed && !options.replace) {
          throw new ConflictError('The course already has a different plan; send replace=true to replace it');
        }
        if (diff.changed) {
          await tx.schedule.savePlan(course.id, diff.changes);
          await tx.audit.record([
            auditOf(principal, school.id)(
              'plan',
              course.id,
              stored.length ? 'replace' : 'create',
              { items: stored.length },
              {
                items: wanted.length,
                created: diff.changes.inserts.length,
                deleted: diff.changes.deleteIds.length,
                kept: diff.kept.map((k) => k.id),
              },
            ),
          ]);
        }
        const final = await tx.schedule.planItems(course.id);
        return {
          courseId: course.id,
          created: diff.changes.inserts.length,
          updated: diff.updated,
          unchanged: diff.unchanged,
          deleted: diff.changes.deleteIds.length,
          kept: diff.kept,
          items: final.map(({ id, position, topic, hours, workType }) => ({ id, position, topic, hours, workType })),
        };
      });
    },

    /** What importPlan with `replace` would do, written nowhere: the bot's dry run before «Применить». */
    async previewPlan(principal: Principal, ref: CourseRef, items: PlanItemInput[]): Promise<PlanPreview> {
      const { school, course } = await planCourse(principal, ref);
      const wanted = validatePlan(items, school.policy.workTypes);
      const stored = await deps.uow.repos.schedule.planItems(course.id);
      return { courseId: course.id, basis: planBasis(stored), ...describePlanChanges(stored, wanted, diffPlan(stored, wanted)) };
    },

    /** A fingerprint of the course's stored plan: a dry run is applied only over the plan it was made against. */
    async planBasis(principal: Principal, ref: CourseRef): Promise<string> {
      const { course } = await planCourse(principal, ref);
      return planBasis(await deps.uow.repos.schedule.planItems(course.id));
    },

    async plan(principal: Principal, ref: CourseRef) {
      const school = await adminSchool(deps, principal);
      const course = await courseOf(school.id, ref);
      return deps.uow.repos.schedule.planItems(course.id);
    },
  };
}

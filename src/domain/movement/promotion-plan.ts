import type { LocalDate } from '../shared/dates.js';
import type { PromotableClass } from './types.js';

/** An explicit new identity for a class whose name (or external id) has no leading number. */
export interface RenameRule {
  from: string;
  to: { externalId: string; name: string };
}

export interface PromotionStep {
  from: { id: number; externalId: string | null; name: string; gradeLevel: number };
  /** Where last year's class keeps its history: its external id, freed for the new class. */
  archivedExternalId: string | null;
  to: { id: number | null; externalId: string; name: string; gradeLevel: number; classTeacherId: number | null };
  students: number;
}

export interface ClassProblem {
  groupId: number;
  externalId: string | null;
  name: string;
  message: string;
}

/** "5А" → "6А", "10 Б" → "11 Б"; null when the text does not start with a number. */
export function nextYearName(name: string): string | null {
  const m = /^(\s*)(\d+)(.*)$/s.exec(name);
  return m ? `${m[1]}${Number(m[2]) + 1}${m[3]}` : null;
}

/** The external id last year's class keeps, e.g. "5А (2026/2027)" for a promotion on 2027-09-01. */
export function archivedId(externalId: string, date: LocalDate): string {
  const year = Number(date.slice(0, 4));
  return `${externalId} (${year - 1}/${year})`;
}

/**
 * The year-end plan: each class with a grade level moves up one level under its next-year
 * name; the graduating levels leave. A class with no grade level, or a name with no leading
 * number and no explicit rule, is a problem and stays where it is.
 */
export function planPromotion(
  classes: PromotableClass[],
  options: { date: LocalDate; graduateLevels: readonly number[]; rename: readonly RenameRule[]; existing: Map<string, number> },
) {
  const steps: PromotionStep[] = [];
  const graduating: PromotableClass[] = [];
  const problems: ClassProblem[] = [];
  const problem = (c: PromotableClass, message: string) =>
    problems.push({ groupId: c.id, externalId: c.externalId, name: c.name, message });
  const rules = new Map(options.rename.map((r) => [r.from, r.to]));
  const promoted = new Set(classes.map((c) => c.externalId));
  for (const c of classes) {
    if (c.gradeLevel === null) {
      problem(c, 'the class has no grade level: set it, or move its students yourself');
      continue;
    }
    if (options.graduateLevels.includes(c.gradeLevel)) {
      graduating.push(c);
      continue;
    }
    const rule = c.externalId === null ? undefined : rules.get(c.externalId);
    const name = rule?.name ?? nextYearName(c.name);
    const externalId = rule?.externalId ?? (c.externalId === null ? name : nextYearName(c.externalId));
    if (name === null || externalId === null) {
      problem(c, 'the name does not start with a number: give its new class in "rename"');
      continue;
    }
    // A group that already has the new id and is not itself moving up is the new class, made beforehand.
    const existingId = options.existing.get(externalId);
    const reuse = existingId !== undefined && !promoted.has(externalId) ? existingId : null;
    steps.push({
      from: { id: c.id, externalId: c.externalId, name: c.name, gradeLevel: c.gradeLevel },
      archivedExternalId: c.externalId === null ? null : archivedId(c.externalId, options.date),
      to: { id: reuse, externalId, name, gradeLevel: c.gradeLevel + 1, classTeacherId: c.classTeacherId },
      students: c.students,
    });
  }
  const targets = new Map<string, PromotionStep[]>();
  for (const s of steps) targets.set(s.to.externalId, [...(targets.get(s.to.externalId) ?? []), s]);
  const clashes = new Set([...targets.values()].filter((list) => list.length > 1).flat());
  for (const s of clashes) {
    problems.push({
      groupId: s.from.id,
      externalId: s.from.externalId,
      name: s.from.name,
      message: `two classes would become ${s.to.externalId}`,
    });
  }
  return { steps: steps.filter((s) => !clashes.has(s)), graduating, problems };
}

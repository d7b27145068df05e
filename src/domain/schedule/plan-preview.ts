import { createHash } from 'node:crypto';
import type { diffPlan, WantedItem } from './plan.js';
import type { PlanItem } from './types.js';

/** One line of a dry run: a topic added, its text or hours changed, removed, or kept because lessons link to it. */
export interface PlanChange {
  kind: 'add' | 'change' | 'remove' | 'keep';
  position: number;
  topic: string;
  /** The stored topic a change replaces. */
  before?: string;
  /** Lessons that link to a kept topic. */
  lessons?: number;
}

/** What a replacing import would do, as counts and the changes in plan order. */
export interface PlanPreview {
  courseId: number;
  /** planBasis of the stored plan the preview was computed against. */
  basis: string;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  kept: number;
  /** The first PREVIEW_CHANGES changes. */
  changes: PlanChange[];
}

/** A dry run lists this many changes; the counts cover the rest. */
export const PREVIEW_CHANGES = 20;

export function describePlanChanges(
  stored: PlanItem[],
  wanted: WantedItem[],
  diff: ReturnType<typeof diffPlan>,
): Omit<PlanPreview, 'courseId' | 'basis'> {
  const byId = new Map(stored.map((s) => [s.id, s]));
  const keptIds = new Set(diff.kept.map((k) => k.id));
  const changes: PlanChange[] = [];
  for (const u of diff.changes.updates) {
    const s = byId.get(u.id);
    if (!s || keptIds.has(u.id)) continue;
    if (s.topic !== u.topic || s.hours !== u.hours || s.workType !== u.workType)
      changes.push({ kind: 'change', position: u.position, topic: u.topic, before: s.topic });
  }
  for (const i of diff.changes.inserts) changes.push({ kind: 'add', position: i.position, topic: i.topic });
  for (const k of diff.kept) changes.push({ kind: 'keep', position: k.position, topic: k.topic, lessons: k.lessons });
  // A removed topic has no new place: it is listed where it stood.
  for (const id of diff.changes.deleteIds) {
    const s = byId.get(id)!;
    changes.push({ kind: 'remove', position: s.position, topic: s.topic });
  }
  changes.sort((a, b) => a.position - b.position || order(a) - order(b));
  return {
    total: wanted.length,
    created: diff.changes.inserts.length,
    updated: diff.updated,
    unchanged: diff.unchanged,
    deleted: diff.changes.deleteIds.length,
    kept: diff.kept.length,
    changes: changes.slice(0, PREVIEW_CHANGES),
  };
}

const order = (c: PlanChange) => ['remove', 'change', 'add', 'keep'].indexOf(c.kind);

/**
 * A fingerprint of a stored plan, including which topics lessons use: what a replacing import
 * does depends on both, so a dry run made against another state must not be applied.
 */
export function planBasis(stored: PlanItem[]): string {
  const text = stored
    .map((s) => [s.id, s.position, s.topic, s.hours, s.workType ?? '', s.usedBy > 0 ? 1 : 0].join('\u0001'))
    .join('\u0002');
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

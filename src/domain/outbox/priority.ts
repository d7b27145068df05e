import type { NotificationKind } from './types.js';

/**
 * The order in which queued notices go out when the send rate is the bottleneck (lower first).
 * A region at peak holds up to an hour of grade notices in the queue: an absence, which a
 * parent must hear about while the child may be missing, and the teacher's last reminder
 * before the fill deadline must not wait behind them. Grades, digests and reports may.
 */
export const PRIORITY = { urgent: 1, staff: 2, routine: 3 } as const;

export function noticePriority(notice: { kind: NotificationKind | string; payload: unknown }): number {
  switch (notice.kind) {
    case 'absence':
      return PRIORITY.urgent;
    case 'reminder':
      return (notice.payload as { point?: string } | null)?.point === 'before' ? PRIORITY.urgent : PRIORITY.staff;
    case 'escalation':
    case 'term_reminder':
    case 'term_escalation':
    case 'class_daily':
    case 'absence_explained':
      return PRIORITY.staff;
    default:
      return PRIORITY.routine;
  }
}

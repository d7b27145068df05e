/** What an operator watches of the outbox: how much waits, and how long the oldest due notice has waited. */
export interface OutboxHealth {
  pending: number;
  queued: number;
  /** Due time of the oldest pending notice that is already due; null when none is. */
  oldestDuePendingAt: Date | null;
}

export interface OperationsRepository {
  /** Reads only rows that still wait (pending or queued), so its cost follows the backlog, not the table. */
  outboxHealth(now: Date): Promise<OutboxHealth>;
}

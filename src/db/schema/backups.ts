import { bigint, boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns.js';

/**
 * Database backups of the installation (not of one school): the scheduled ones and those made
 * with `backup:create`. A scheduled backup's row is also its claim: `slot` is unique, so of many
 * worker processes only the one whose INSERT … ON CONFLICT DO NOTHING returned a row takes it.
 * `ok` is null while it runs. The table's rows are left out of the dumps (they describe files,
 * not the journal), so a restore does not bring back an older list of backups.
 */
export const backups = pgTable('backups', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  /** The scheduled instant (ISO 8601, UTC) this backup is for; null for a manual one. */
  slot: text('slot').unique(),
  startedAt: tstz('started_at').notNull(),
  finishedAt: tstz('finished_at'),
  ok: boolean('ok'),
  file: text('file'),
  sizeBytes: bigint('size_bytes', { mode: 'number' }),
  error: text('error'),
});

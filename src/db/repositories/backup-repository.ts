import { desc, eq } from 'drizzle-orm';
import type { BackupRecords } from '../../domain/backup/index.js';
import type { Executor } from '../client.js';
import { backups } from '../schema/index.js';

/** The `backups` table (domain port BackupRecords): claims of scheduled slots and outcomes. */
export function createBackupRepository(db: Executor): BackupRecords {
  return {
    async claim(slot, startedAt) {
      const [row] = await db
        .insert(backups)
        .values({ slot, startedAt })
        .onConflictDoNothing({ target: backups.slot })
        .returning({ id: backups.id });
      return row?.id ?? null;
    },
    async start(startedAt) {
      const [row] = await db.insert(backups).values({ startedAt }).returning({ id: backups.id });
      return row!.id;
    },
    async finish(id, outcome) {
      await db.update(backups).set(outcome).where(eq(backups.id, id));
    },
    async lastSuccessfulAt() {
      const [row] = await db
        .select({ at: backups.finishedAt })
        .from(backups)
        .where(eq(backups.ok, true))
        .orderBy(desc(backups.finishedAt))
        .limit(1);
      return row?.at ?? null;
    },
  };
}

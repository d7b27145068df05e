import type { Logger } from 'pino';
import { BackupFailedError, type BackupService, type ScheduledRun } from '../../domain/backup/index.js';
import { createTickLoop } from '../../tick-loop.js';

export interface BackupRuntimeDeps {
  backup: BackupService;
  logger: Logger;
  /** Time between looks at the schedule; slots are set to the minute. */
  intervalMs?: number;
  /** Told of each backup this process took: ok or failed (metrics). */
  observeBackup?: (outcome: 'ok' | 'failed') => void;
  observePass?: (seconds: number, ok: boolean) => void;
}

/**
 * The scheduled backup of one worker process. Like the compliance scan, a plain loop rather
 * than a BullMQ job scheduler: each slot is claimed by a unique row of the `backups` table, so
 * with any number of workers exactly one takes it, and backups go on while Redis is down.
 * `tick()` resolves to what happened, or null after a failure it has logged.
 */
export function createBackupRuntime(deps: BackupRuntimeDeps) {
  const log = deps.logger.child({ component: 'backup' });

  const report = (run: ScheduledRun) => {
    if (run.outcome === 'done') {
      deps.observeBackup?.('ok');
      const { backup, slot } = run;
      log.info(
        { backupId: backup.id, slot, file: backup.manifest.dump.file, bytes: backup.manifest.dump.bytes, pruned: backup.pruned.length },
        'scheduled backup written',
      );
      if (backup.pruneError) log.warn({ backupId: backup.id, err: backup.pruneError }, 'old backups not pruned');
    }
    return run;
  };
  // One JSON line per failure, with ids and the tool's message only: never the connection URL.
  const failed = (err: unknown) => {
    if (err instanceof BackupFailedError) {
      deps.observeBackup?.('failed');
      log.error({ backupId: err.backupId, slot: err.slot, err: err.message }, 'scheduled backup failed');
    } else log.warn({ err: err instanceof Error ? err.message : String(err) }, 'backup schedule check failed; retrying');
    return null;
  };

  return createTickLoop({
    // A pass reports its own failure (failed() above), so tick() resolves either way.
    run: () => deps.backup.runScheduled().then(report, failed),
    intervalMs: deps.intervalMs ?? 60_000,
    observePass: deps.observePass,
    onError: failed,
  });
}

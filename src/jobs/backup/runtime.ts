import type { Logger } from 'pino';
import { BackupFailedError, type BackupService, type ScheduledRun } from '../../domain/backup/index.js';

export interface BackupRuntimeDeps {
  backup: BackupService;
  logger: Logger;
  /** Time between looks at the schedule; slots are set to the minute. */
  intervalMs?: number;
}

/**
 * The scheduled backup of one worker process. Like the compliance scan, a plain loop rather
 * than a BullMQ job scheduler: each slot is claimed by a unique row of the `backups` table, so
 * with any number of workers exactly one takes it, and backups go on while Redis is down.
 */
export function createBackupRuntime(deps: BackupRuntimeDeps) {
  const log = deps.logger.child({ component: 'backup' });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<ScheduledRun | null> | null = null;
  let stopped = true;

  const report = (run: ScheduledRun) => {
    if (run.outcome !== 'done') return;
    const { backup, slot } = run;
    log.info({ backupId: backup.id, slot, file: backup.manifest.dump.file, bytes: backup.manifest.dump.bytes, pruned: backup.pruned.length }, 'scheduled backup written');
  };
  // One JSON line per failure, with ids and the tool's message only: never the connection URL.
  const failed = (err: unknown) => {
    if (err instanceof BackupFailedError) log.error({ backupId: err.backupId, slot: err.slot, err: err.message }, 'scheduled backup failed');
    else log.warn({ err: err instanceof Error ? err.message : String(err) }, 'backup schedule check failed; retrying');
    return null;
  };
  const tick = () => {
    running ??= deps.backup.runScheduled().then((run) => (report(run), run), failed).finally(() => {
      running = null;
    });
    return running;
  };

  return {
    tick,
    start() {
      stopped = false;
      const loop = async () => {
        await tick();
        if (!stopped) timer = setTimeout(loop, deps.intervalMs ?? 60_000);
      };
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

import type { Clock } from '../shared/clock.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { backupName, chooseToPrune, compareFacts, parseManifest, schemaProblem, tagOf } from './rules.js';
import { latestSlot, type BackupSchedule } from './schedule.js';
import {
  MANIFEST_FORMAT,
  type BackupEngine,
  type BackupFiles,
  type BackupManifest,
  type BackupRecords,
  type KnownMigration,
} from './types.js';

export type * from './types.js';
export { parseBackupSchedule, latestSlot, type BackupSchedule } from './schedule.js';
export { chooseToPrune, compareFacts, schemaProblem } from './rules.js';

/** Why a restore stops while the database is in use; the engine says the same when the swap finds a session. */
export const IN_USE = 'The database is in use: stop every web and worker process (and other clients) before restoring';

export interface BackupServiceDeps {
  engine: BackupEngine;
  files: BackupFiles;
  records: BackupRecords;
  clock: Clock;
  /** The migrations this code ships, oldest first. */
  known: readonly KnownMigration[];
  /** Installation-wide policy (BACKUP_SCHEDULE, BACKUP_KEEP); null schedule: no scheduled backups. */
  policy: { schedule: BackupSchedule | null; keep: number };
}

export interface BackupCreated {
  id: number;
  path: string;
  manifest: BackupManifest;
  /** Older backups deleted to keep BACKUP_KEEP, and why pruning stopped, if it failed. */
  pruned: string[];
  pruneError: string | null;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  manifest: BackupManifest | null;
}

export type ScheduledRun =
  | { outcome: 'off' }
  | { outcome: 'claimed-elsewhere'; slot: string }
  | { outcome: 'done'; slot: string; backup: BackupCreated };

/** Thrown when a backup fails; the `backups` row already says so. */
export class BackupFailedError extends Error {
  constructor(
    readonly backupId: number,
    readonly slot: string | null,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'BackupFailedError';
  }
}

/**
 * Backups of the whole installation's database with PostgreSQL's own tools (README, "Backup and
 * restore"). A backup is a custom-format dump and a manifest beside it: the schema version, rows
 * per table counted in the snapshot that was dumped, and the dump's SHA-256. Verifying restores
 * into a scratch database and compares; restoring does the same into a new database and only
 * then puts it in place of the configured one, which is kept under another name.
 */
export function createBackupService(deps: BackupServiceDeps) {
  const { engine, files, records, clock, known, policy } = deps;

  async function take(id: number, startedAt: Date, slot: string | null): Promise<BackupCreated> {
    const name = backupName(startedAt);
    let path: string;
    let manifest: BackupManifest;
    try {
      path = await files.prepare(name);
      const facts = await engine.dump(path);
      const { sha256, bytes } = await files.checksum(path);
      manifest = {
        format: MANIFEST_FORMAT,
        createdAt: startedAt.toISOString(),
        database: engine.database,
        dump: { file: name, bytes, sha256 },
        schema: { ...facts.schema, lastTag: tagOf(facts.schema.lastCreatedAt, known) },
        tables: facts.tables,
      };
      // The manifest is written last: a dump without one is an unfinished backup.
      await files.writeManifest(path, manifest);
      await records.finish(id, { finishedAt: clock.now(), ok: true, file: name, sizeBytes: bytes, error: null });
    } catch (err) {
      await files.remove(name).catch(() => {});
      await records.finish(id, {
        finishedAt: clock.now(),
        ok: false,
        file: null,
        sizeBytes: null,
        error: err instanceof Error ? err.message : String(err),
      });
      throw new BackupFailedError(id, slot, err);
    }
    return { id, path, manifest, ...(await prune()) };
  }

  /** Housekeeping after a backup: failing at it leaves the new backup as good as it was. */
  async function prune(): Promise<Pick<BackupCreated, 'pruned' | 'pruneError'>> {
    const pruned: string[] = [];
    try {
      for (const old of chooseToPrune(await files.list(), policy.keep)) {
        await files.remove(old);
        pruned.push(old);
      }
      return { pruned, pruneError: null };
    } catch (err) {
      return { pruned, pruneError: err instanceof Error ? err.message : String(err) };
    }
  }

  /** The manifest of `path` and whether the dump still has the checksum it records. */
  async function checkFile(path: string): Promise<VerifyResult> {
    const parsed = parseManifest(await files.readManifest(path));
    if (Array.isArray(parsed)) return { ok: false, problems: parsed.map((p) => `manifest: ${p}`), manifest: null };
    const { sha256, bytes } = await files.checksum(path);
    const problems =
      sha256 === parsed.dump.sha256 && bytes === parsed.dump.bytes
        ? []
        : [`checksum: the dump is not the file the manifest describes (sha256 ${sha256}, ${bytes} bytes)`];
    return { ok: !problems.length, problems, manifest: parsed };
  }

  return {
    /** Takes a backup now (`backup:create`), then prunes the directory to BACKUP_KEEP. */
    async create(): Promise<BackupCreated> {
      const startedAt = clock.now();
      return take(await records.start(startedAt), startedAt, null);
    },

    /** Takes the backup of the current slot if no process has claimed it yet. */
    async runScheduled(): Promise<ScheduledRun> {
      if (!policy.schedule) return { outcome: 'off' };
      const slot = latestSlot(policy.schedule, clock.now()).toISOString();
      const startedAt = clock.now();
      const id = await records.claim(slot, startedAt);
      if (id === null) return { outcome: 'claimed-elsewhere', slot };
      return { outcome: 'done', slot, backup: await take(id, startedAt, slot) };
    },

    /** Checks the checksum, restores into a scratch database, compares with the manifest, drops it. */
    async verify(path: string): Promise<VerifyResult> {
      const file = await checkFile(path);
      if (!file.ok) return file;
      const restored = await engine.restoreToNew(path, 'verify');
      try {
        const problems = compareFacts(file.manifest!, restored.facts);
        return { ok: !problems.length, problems, manifest: file.manifest };
      } finally {
        await restored.drop();
      }
    },

    /**
     * Replaces the configured database with the backup. Every web and worker process must be
     * stopped first: PostgreSQL refuses the swap while anyone is connected to the database.
     */
    async restore(path: string, options: { confirmed: boolean }): Promise<{ manifest: BackupManifest; keptAs: string }> {
      if (!options.confirmed) throw new ValidationError('Restoring replaces the whole database: confirm with --yes');
      const file = await checkFile(path);
      if (!file.ok)
        throw new ValidationError(
          'The backup does not pass its checks',
          file.problems.map((message) => ({ message })),
        );
      const manifest = file.manifest!;
      const tooNew = schemaProblem(manifest.schema, known);
      if (tooNew) throw new ConflictError(`Refusing to restore: ${tooNew}`);
      // Checked again by the swap itself; asking first spares a long restore that could not be used.
      const sessions = await engine.otherSessions();
      if (sessions) throw new ConflictError(`${IN_USE} (${sessions} connected)`);
      const restored = await engine.restoreToNew(path, 'restore');
      const problems = compareFacts(manifest, restored.facts);
      const restoredTooNew = schemaProblem(restored.facts.schema, known);
      if (restoredTooNew) problems.push(restoredTooNew);
      if (problems.length) {
        await restored.drop();
        throw new ConflictError(
          'The restored copy does not match its manifest; the configured database is unchanged',
          problems.map((message) => ({ message })),
        );
      }
      try {
        return { manifest, keptAs: await restored.promote() };
      } catch (err) {
        await restored.drop().catch(() => {});
        throw err;
      }
    },

    /** When the last backup that succeeded finished: for metrics and health. */
    lastSuccessfulBackupAt: () => records.lastSuccessfulAt(),
  };
}

export type BackupService = ReturnType<typeof createBackupService>;

/** Which migrations a database has applied, as drizzle records them (`drizzle.__drizzle_migrations`). */
export interface SchemaVersion {
  /** How many migrations are applied. */
  migrations: number;
  /** The journal stamp (`when`, in ms) of the last applied migration; 0 for none. */
  lastCreatedAt: number;
  /** That migration's name when this code knows it ('0004_backups'), else null. */
  lastTag: string | null;
}

/** What a database holds, read in one snapshot: its schema version and rows per table. */
export interface DatabaseFacts {
  schema: Omit<SchemaVersion, 'lastTag'>;
  /** Rows per table of the `public` schema (the `backups` table itself is not in the dumps). */
  tables: Record<string, number>;
}

/** A migration this code ships (from the migrations journal). */
export interface KnownMigration {
  tag: string;
  createdAt: number;
}

export const MANIFEST_FORMAT = 'school-journal-backup/1';

/** The JSON written beside every dump. */
export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  /** The database's name only: never its host, user or password. */
  database: string;
  dump: { file: string; bytes: number; sha256: string };
  schema: SchemaVersion;
  tables: Record<string, number>;
}

/** A database restored from a dump beside the configured one. */
export interface RestoredDatabase {
  name: string;
  facts: DatabaseFacts;
  drop(): Promise<void>;
  /** Puts it in the configured database's place; returns the name the replaced database keeps. */
  promote(): Promise<string>;
}

/** PostgreSQL's own tools over the configured database (the db layer implements it). */
export interface BackupEngine {
  /** The database's name, for manifests. */
  readonly database: string;
  /** Writes a custom-format dump to `path` and returns the facts of the very snapshot it dumped. */
  dump(path: string): Promise<DatabaseFacts>;
  /** How many sessions other than the engine's own are connected to the configured database. */
  otherSessions(): Promise<number>;
  /** Restores a dump into a new database with a unique name and reads its facts. */
  restoreToNew(path: string, purpose: 'verify' | 'restore'): Promise<RestoredDatabase>;
}

/** The backup directory and files named on the command line. */
export interface BackupFiles {
  /** Where a new backup called `name` goes (the directory is created when missing). */
  prepare(name: string): Promise<string>;
  /** Names of the complete backups in the directory (a dump with its manifest). */
  list(): Promise<string[]>;
  checksum(path: string): Promise<{ sha256: string; bytes: number }>;
  /** The manifest beside a dump, parsed as JSON but not checked. */
  readManifest(dumpPath: string): Promise<unknown>;
  writeManifest(dumpPath: string, manifest: BackupManifest): Promise<void>;
  /** Deletes a backup of the directory (dump and manifest), or whatever part of it exists. */
  remove(name: string): Promise<void>;
}

export interface BackupOutcome {
  finishedAt: Date;
  ok: boolean;
  file: string | null;
  sizeBytes: number | null;
  error: string | null;
}

/** The `backups` table: claims of scheduled slots and the outcome of every backup. */
export interface BackupRecords {
  /** Claims a scheduled slot: the new row's id, or null when another process has it. */
  claim(slot: string, startedAt: Date): Promise<number | null>;
  /** Records the start of a manual backup. */
  start(startedAt: Date): Promise<number>;
  finish(id: number, outcome: BackupOutcome): Promise<void>;
  lastSuccessfulAt(): Promise<Date | null>;
}

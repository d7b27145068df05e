import { MANIFEST_FORMAT, type BackupManifest, type DatabaseFacts, type KnownMigration, type SchemaVersion } from './types.js';

const NAME_RE = /^backup-\d{8}T\d{6}Z\.dump$/;

/** A backup's file name from its start: `backup-20261204T030000Z.dump`, so names sort by time. */
export function backupName(startedAt: Date): string {
  return `backup-${startedAt.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.dump`;
}

/** The backups to delete so that the newest `keep` remain; files not named by backupName are never touched. */
export function chooseToPrune(names: readonly string[], keep: number): string[] {
  return names
    .filter((n) => NAME_RE.test(n))
    .sort()
    .reverse()
    .slice(keep);
}

export function tagOf(createdAt: number, known: readonly KnownMigration[]): string | null {
  return known.find((m) => m.createdAt === createdAt)?.tag ?? null;
}

/**
 * Why this code must not restore a database at `version`, or null when it may. A database is
 * restorable when its last migration is one this code ships: then `npm run migrate` takes it
 * on from there. A later or unknown one was made by newer code, which this code cannot run.
 */
export function schemaProblem(version: Pick<SchemaVersion, 'lastCreatedAt'>, known: readonly KnownMigration[]): string | null {
  if (version.lastCreatedAt === 0 || known.some((m) => m.createdAt === version.lastCreatedAt)) return null;
  const latest = known.at(-1);
  return version.lastCreatedAt > (latest?.createdAt ?? 0)
    ? `the backup's schema is newer than this code knows (its last migration is from ${new Date(version.lastCreatedAt).toISOString()}, this code's last is ${latest?.tag ?? 'none'}): restore it with the newer version of the product`
    : `the backup's last migration (from ${new Date(version.lastCreatedAt).toISOString()}) is not one this code ships`;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The manifest if `raw` is one, else the problems with it. */
export function parseManifest(raw: unknown): BackupManifest | string[] {
  const m = raw as Partial<BackupManifest> | null;
  if (!m || typeof m !== 'object') return ['the manifest is not a JSON object'];
  const problems: string[] = [];
  if (m.format !== MANIFEST_FORMAT) problems.push(`format must be ${MANIFEST_FORMAT}`);
  if (typeof m.dump?.sha256 !== 'string' || !isCount(m.dump.bytes)) problems.push('dump must give sha256 and bytes');
  if (!isCount(m.schema?.migrations) || !isCount(m.schema.lastCreatedAt)) problems.push('schema must give migrations and lastCreatedAt');
  if (!m.tables || typeof m.tables !== 'object' || !Object.values(m.tables).every(isCount))
    problems.push('tables must map table names to row counts');
  return problems.length ? problems : (m as BackupManifest);
}

/** Where a restored database differs from what its manifest says was dumped. */
export function compareFacts(manifest: BackupManifest, facts: DatabaseFacts): string[] {
  const problems: string[] = [];
  if (manifest.schema.migrations !== facts.schema.migrations || manifest.schema.lastCreatedAt !== facts.schema.lastCreatedAt) {
    problems.push(
      `schema version: manifest ${manifest.schema.migrations} migrations (last ${manifest.schema.lastCreatedAt}), restored ${facts.schema.migrations} (last ${facts.schema.lastCreatedAt})`,
    );
  }
  const names = [...new Set([...Object.keys(manifest.tables), ...Object.keys(facts.tables)])].sort();
  for (const table of names) {
    const expected = manifest.tables[table];
    const actual = facts.tables[table];
    if (expected === undefined) problems.push(`table ${table}: restored but not in the manifest`);
    else if (actual === undefined) problems.push(`table ${table}: in the manifest but not restored`);
    else if (expected !== actual) problems.push(`table ${table}: manifest ${expected} rows, restored ${actual}`);
  }
  return problems;
}

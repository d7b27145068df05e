import type { LocalDate } from '../shared/dates.js';

/** The tables an archive holds, each as one file. */
export const ARCHIVE_TABLES = [
  'groups',
  'students',
  'enrollments',
  'staff',
  'courses',
  'plan_items',
  'lessons',
  'attendance',
  'grades',
  'audit_log',
] as const;
export type ArchiveTable = (typeof ARCHIVE_TABLES)[number];

/**
 * What is archived: a school's closed year. The audit log is taken from the year's first local
 * midnight (`fromAt`) until the year was closed (`toAt`): corrections made after the last day,
 * inside the edit window, belong to the year too.
 */
export interface ArchiveScope {
  schoolId: number;
  from: LocalDate;
  to: LocalDate;
  fromAt: Date;
  toAt: Date;
}

export type ArchiveRow = Record<string, string | number | boolean | null | unknown>;

export interface ClosedYear {
  id: number;
  fromDate: LocalDate;
  toDate: LocalDate;
  archiveSha256: string | null;
  /** When the year became read-only (database time). */
  closedAt: Date;
}

export const PURGE_TABLES = ['lessons', 'attendance', 'grades', 'audit_log'] as const;
export type PurgeCounts = Record<(typeof PURGE_TABLES)[number], number>;

/** A closed, archived year whose journal may be deleted; audit rows in [fromAt, toAt) are the ones its archive holds. */
export interface PurgeRange {
  from: LocalDate;
  to: LocalDate;
  fromAt: Date;
  toAt: Date;
}

export interface ArchiveRepository {
  /** One page of a table's rows in id order after `afterId` (columns as documented in docs/archive.md). */
  page(table: ArchiveTable, scope: ArchiveScope, afterId: number, limit: number): Promise<{ id: number; row: ArchiveRow }[]>;
  closedYears(schoolId: number): Promise<ClosedYear[]>;
  /** Inserts the closed year (read-only from now on). */
  closeYear(schoolId: number, from: LocalDate, to: LocalDate): Promise<{ id: number; closedAt: Date }>;
  setArchiveChecksum(id: number, sha256: string): Promise<void>;
  reopenYear(id: number): Promise<void>;
  countPurge(schoolId: number, ranges: PurgeRange[]): Promise<PurgeCounts>;
  purge(schoolId: number, ranges: PurgeRange[]): Promise<PurgeCounts>;
}

/** One file being written into an archive; the store hashes what passes through. */
export interface ArchiveFileWriter {
  write(chunk: string): Promise<void>;
  close(): Promise<{ sha256: string; bytes: number }>;
}

export interface ArchiveWriter {
  /** Where the archive ends up (a directory). */
  readonly path: string;
  file(name: string): ArchiveFileWriter;
  /** Makes the archive visible under `path`; before this it is invisible to readers. */
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface ArchiveReader {
  /** Every file, relative paths with '/', sorted. */
  files(): Promise<string[]>;
  readText(name: string): Promise<string>;
  sha256(name: string): Promise<string>;
}

/** File storage of archives (a directory per archive); implemented outside the domain. */
export interface ArchiveStore {
  create(name: string): Promise<ArchiveWriter>;
  open(path: string): Promise<ArchiveReader>;
}

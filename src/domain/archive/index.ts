import type { Clock } from '../shared/clock.js';
import { daysBetween, instantAt, isLocalDate, localDateOf, type LocalDate } from '../shared/dates.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { actorIdOf, assertSchoolAdmin, sameSchool, viaOf, type Principal } from '../shared/principal.js';
import type { UnitOfWork } from '../ports.js';
import { csvLines } from '../csv/index.js';
import { ARCHIVE_FILES, README, csvValue } from './files.js';
import { ARCHIVE_TABLES, type ArchiveScope, type ArchiveStore, type PurgeCounts, type PurgeRange } from './types.js';
import { verifyArchive, type VerifyResult } from './verify.js';

export type * from './types.js';
export type { VerifyResult } from './verify.js';
export { ARCHIVE_FILES } from './files.js';

/** Journals are kept 5 years (summary sheets 25, but those live in the archive files, which purge never touches). */
export const JOURNAL_RETENTION_YEARS = 5;
const PAGE = 5000;

export interface ArchiveServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  store: ArchiveStore;
}

export interface ArchiveCreated {
  path: string;
  files: { name: string; rows: number | null; sha256: string; bytes: number }[];
  /** SHA-256 of SHA256SUMS: recorded in closed_years, identifies the archive. */
  manifestSha256: string;
}

export interface PurgeResult {
  years: { from: LocalDate; to: LocalDate }[];
  counts: PurgeCounts;
  deleted: boolean;
}

/**
 * The year-end archive and the retention policy (docs/archive.md).
 *
 * `create` closes the year first (a `closed_years` row: the journal refuses every change in it
 * from then on), then writes every table of the year and SHA256SUMS; if writing fails the year
 * is reopened and nothing is left in the archive directory. `purge` deletes the journal only of
 * closed years that have an archive, only before the given date, and only when that date is at
 * least JOURNAL_RETENTION_YEARS years back; `dryRun` counts without deleting.
 */
export interface ArchiveService {
  create(principal: Principal, input: { schoolId: number; from: LocalDate; to: LocalDate }): Promise<ArchiveCreated>;
  verify(path: string): Promise<VerifyResult>;
  purge(principal: Principal, input: { schoolId: number; before: LocalDate; dryRun: boolean }): Promise<PurgeResult>;
}

function overlaps(a: { fromDate: string; toDate: string }, from: string, to: string): boolean {
  return a.fromDate <= to && from <= a.toDate;
}

export function createArchiveService(deps: ArchiveServiceDeps): ArchiveService {
  const { uow, clock, store } = deps;

  async function loadSchool(principal: Principal, schoolId: number) {
    if (!sameSchool(principal, schoolId)) throw new NotFoundError('School', schoolId);
    const school = await uow.repos.schools.findById(schoolId);
    if (!school) throw new NotFoundError('School', schoolId);
    assertSchoolAdmin(principal, schoolId);
    return school;
  }

  return {
    async create(principal, { schoolId, from, to }) {
      const details = [];
      if (!isLocalDate(from)) details.push({ path: 'from', message: 'must be a date YYYY-MM-DD' });
      if (!isLocalDate(to)) details.push({ path: 'to', message: 'must be a date YYYY-MM-DD' });
      if (!details.length && (from > to || daysBetween(from, to) > 400))
        details.push({ path: 'to', message: 'must be after from, within 400 days' });
      if (details.length) throw new ValidationError('Invalid school year', details);
      const school = await loadSchool(principal, schoolId);
      const today = localDateOf(clock.now(), school.timezone);
      if (to >= today)
        throw new ValidationError('Only a finished school year can be archived', [{ path: 'to', message: `must be before ${today}` }]);

      const existing = (await uow.repos.archive.closedYears(schoolId)).filter((y) => overlaps(y, from, to));
      const retry = existing.find((y) => y.fromDate === from && y.toDate === to && y.archiveSha256 === null);
      if (existing.length && !(retry && existing.length === 1)) {
        throw new ConflictError(`The period overlaps a closed year (${existing.map((y) => `${y.fromDate}..${y.toDate}`).join(', ')})`);
      }
      const closed = retry ?? (await uow.repos.archive.closeYear(schoolId, from, to));
      const closedId = closed.id;
      const scope: ArchiveScope = { schoolId, from, to, fromAt: instantAt(from, '00:00', school.timezone), toAt: closed.closedAt };
      const writer = await store.create(`school-${schoolId}_${from}_${to}`);
      try {
        const files: ArchiveCreated['files'] = [];
        for (const table of ARCHIVE_TABLES) {
          const spec = ARCHIVE_FILES[table];
          const out = writer.file(spec.file);
          const json = spec.file.endsWith('.jsonl');
          if (!json) await out.write(csvLines([spec.columns]));
          let rows = 0;
          for (let after = 0; ; ) {
            const page = await uow.repos.archive.page(table, scope, after, PAGE);
            if (!page.length) break;
            await out.write(
              json
                ? page.map(({ row }) => `${JSON.stringify(row)}\n`).join('')
                : csvLines(page.map(({ row }) => spec.columns.map((c) => csvValue(row[c])))),
            );
            rows += page.length;
            after = page[page.length - 1]!.id;
          }
          files.push({ name: spec.file, rows, ...(await out.close()) });
        }
        const extra = {
          'README.txt': README(school.name, from, to),
          'manifest.json': `${JSON.stringify(
            {
              format: 'school-journal-archive/1',
              school: { id: school.id, name: school.name, timezone: school.timezone },
              from,
              to,
              createdAt: clock.now().toISOString(),
              files: files.map((f) => ({
                name: f.name,
                rows: f.rows,
                description: Object.values(ARCHIVE_FILES).find((s) => s.file === f.name)!.description,
              })),
            },
            null,
            2,
          )}\n`,
        };
        for (const [name, text] of Object.entries(extra)) {
          const out = writer.file(name);
          await out.write(text);
          files.push({ name, rows: null, ...(await out.close()) });
        }
        files.sort((a, b) => (a.name < b.name ? -1 : 1));
        const sums = writer.file('SHA256SUMS');
        await sums.write(files.map((f) => `${f.sha256}  ${f.name}\n`).join(''));
        const { sha256: manifestSha256 } = await sums.close();
        await writer.commit();
        await uow.transaction(async (repos) => {
          await repos.archive.setArchiveChecksum(closedId, manifestSha256);
          await repos.audit.record([
            {
              schoolId,
              actorId: actorIdOf(principal),
              via: viaOf(principal),
              entity: 'closed_year',
              entityId: closedId,
              action: 'archive',
              after: { from, to, path: writer.path, sha256: manifestSha256 },
            },
          ]);
        });
        return { path: writer.path, files, manifestSha256 };
      } catch (err) {
        await writer.abort();
        if (!retry) await uow.repos.archive.reopenYear(closedId);
        throw err;
      }
    },

    verify: (path) => verifyArchive(store, path),

    async purge(principal, { schoolId, before, dryRun }) {
      if (!isLocalDate(before)) throw new ValidationError('Invalid date', [{ path: 'before', message: 'must be a date YYYY-MM-DD' }]);
      const school = await loadSchool(principal, schoolId);
      const today = localDateOf(clock.now(), school.timezone);
      const limit = `${Number(today.slice(0, 4)) - JOURNAL_RETENTION_YEARS}${today.slice(4)}`;
      if (before > limit) {
        throw new ValidationError(`Journals are kept ${JOURNAL_RETENTION_YEARS} years`, [
          { path: 'before', message: `must be on or before ${limit}` },
        ]);
      }
      const years = (await uow.repos.archive.closedYears(schoolId))
        .filter((y) => y.archiveSha256 !== null && y.toDate < before)
        .sort((a, b) => a.fromDate.localeCompare(b.fromDate));
      const ranges: PurgeRange[] = years.map((y) => ({
        from: y.fromDate,
        to: y.toDate,
        fromAt: instantAt(y.fromDate, '00:00', school.timezone),
        toAt: y.closedAt,
      }));
      const summary = ranges.map((r) => ({ from: r.from, to: r.to }));
      if (dryRun) return { years: summary, counts: await uow.repos.archive.countPurge(schoolId, ranges), deleted: false };
      const counts = await uow.transaction(async (repos) => {
        const deleted = await repos.archive.purge(schoolId, ranges);
        await repos.audit.record([
          {
            schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'school',
            entityId: schoolId,
            action: 'retention_purge',
            after: { before, years: summary, deleted },
          },
        ]);
        return deleted;
      });
      return { years: summary, counts, deleted: true };
    },
  };
}

import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './columns.js';

export const schools = pgTable('schools', {
  id: id(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  /** Partial SchoolPolicy: the domain merges it over the defaults, so new settings need no migration. */
  policy: jsonb('policy').notNull().default({}),
  createdAt: createdAt(),
});

export const apiKeys = pgTable('api_keys', {
  id: id(),
  schoolId: integer('school_id')
    .notNull()
    .references(() => schools.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** First characters of the key, shown to administrators to tell keys apart. */
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: tstz('last_used_at'),
  revokedAt: tstz('revoked_at'),
});

export const holidays = pgTable(
  'holidays',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    name: text('name'),
  },
  (t) => [unique('holidays_school_date').on(t.schoolId, t.date)],
);

/** Closed school years: after archiving, the journal of that year is read-only. */
export const closedYears = pgTable(
  'closed_years',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    archiveSha256: text('archive_sha256'),
    closedAt: createdAt(),
  },
  (t) => [index('closed_years_school').on(t.schoolId), check('closed_years_range', sql`${t.fromDate} <= ${t.toDate}`)],
);

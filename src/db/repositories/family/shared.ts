/** Row mappers and SQL pieces the family queries share. */
import { sql } from 'drizzle-orm';
import type { consents } from '../../schema/index.js';

export const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

type ConsentRow = typeof consents.$inferSelect;
export const toConsent = (r: ConsentRow) => ({
  id: r.id,
  parentId: r.parentId,
  version: r.version,
  grantedAt: r.grantedAt,
  withdrawnAt: r.withdrawnAt,
});

/** Enrollment `e` covers the lesson or date expression `d` (both ends inclusive). */
export const covers = (d: ReturnType<typeof sql>) => sql`e.from_date <= ${d} AND (e.to_date IS NULL OR e.to_date >= ${d})`;

/** Constants, row mappers and SQL pieces the queries of this repository share. */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client.js';

export const CHUNK = 1000;
/** First key of the advisory lock that serializes roster imports of one school. */
export const ROSTER_LOCK = 7301;

export function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function inChunks<T, R>(rows: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks(rows)) out.push(...(await fn(chunk)));
  return out;
}

/**
 * Bulk statements take their rows as one JSON parameter (jsonb_to_recordset): one
 * multi-row statement per chunk, several times faster to build and send than
 * thousands of individual bind parameters.
 */
export const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

export async function returningIds(db: Executor, query: SQL): Promise<{ id: number; externalId: string }[]> {
  const rows = await db.execute<{ id: number; external_id: string }>(query);
  return Array.from(rows, (r) => ({ id: r.id, externalId: r.external_id }));
}

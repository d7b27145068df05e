import { bigint, integer, timestamp } from 'drizzle-orm/pg-core';

/** Surrogate key for tables that stay small per school (thousands of rows). */
export const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();
/** Surrogate key for tables that grow with every lesson (attendance, grades, outbox, audit). */
export const bigId = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true });

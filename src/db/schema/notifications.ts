import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { bigId, createdAt, tstz } from './columns.js';
import { users } from './people.js';
import { schools } from './schools.js';

/**
 * The outbox: written in the same transaction as the journal change that causes it,
 * so a notice exists exactly when its cause does. Payloads carry ids, never names.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigId(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    payload: jsonb('payload').notNull().default({}),
    notBefore: tstz('not_before').notNull().defaultNow(),
    /** Nothing may reach a parent later than this (the 24-hour rule). */
    deadline: tstz('deadline'),
    status: text('status').notNull().default('pending'),
    /** Bumped whenever the facts behind a pending or sent notice change; part of the job id. */
    version: integer('version').notNull().default(0),
    channel: text('channel'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    telegramMessageId: bigint('telegram_message_id', { mode: 'number' }),
    /** MAX's message id (`mid`, a string) of the sent notice, for the edits that merge absences. */
    maxMessageId: text('max_message_id'),
    sentAt: tstz('sent_at'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('notifications_due').on(t.notBefore).where(sql`${t.status} = 'pending'`),
    index('notifications_recipient').on(t.recipientId, t.createdAt),
    check('notifications_status', sql`${t.status} IN ('pending','queued','sent','failed','cancelled','skipped')`),
  ],
);

/**
 * One row, made on first use: an id of this database's lifetime, part of every delivery job
 * id. BullMQ ids are unique per Redis prefix only, and a database created again under the same
 * prefix starts its outbox ids from 1: without it, their jobs were dropped as duplicates.
 */
export const installation = pgTable(
  'installation',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    id: text('id').notNull().default(sql`replace(gen_random_uuid()::text, '-', '')`),
    createdAt: createdAt(),
  },
  (t) => [check('installation_singleton', sql`${t.singleton}`)],
);

export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: bigId(),
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    outcome: text('outcome').notNull(),
    error: text('error'),
    at: createdAt(),
  },
  (t) => [index('delivery_attempts_notification').on(t.notificationId)],
);

export const preferences = pgTable(
  'preferences',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    absences: text('absences').notNull().default('realtime'),
    grades: text('grades').notNull().default('realtime'),
    /** Local 'HH:MM' in the school's timezone. */
    digestTime: text('digest_time').notNull().default('19:00'),
    quietStart: text('quiet_start').notNull().default('21:00'),
    quietEnd: text('quiet_end').notNull().default('07:30'),
    emailFallback: boolean('email_fallback').notNull().default(true),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('preferences_absences', sql`${t.absences} IN ('realtime','digest')`),
    check('preferences_grades', sql`${t.grades} IN ('realtime','digest','off')`),
    check(
      'preferences_times',
      sql`${t.digestTime} ~ '^[0-2][0-9]:[0-5][0-9]$' AND ${t.quietStart} ~ '^[0-2][0-9]:[0-5][0-9]$' AND ${t.quietEnd} ~ '^[0-2][0-9]:[0-5][0-9]$'`,
    ),
  ],
);

/** Conversation and session state of the bot, shared by every process. */
export const botSessions = pgTable('bot_sessions', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './columns.js';
import { schools } from './schools.js';

export const USER_ROLES = [
  'administrator',
  'director',
  'deputy_director',
  'head_of_department',
  'teacher',
  'class_teacher',
  'parent',
  'student',
] as const;

export const users = pgTable(
  'users',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    roles: text('roles').array().notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    email: text('email'),
    phone: text('phone'),
    locale: text('locale').notNull().default('ru'),
    telegramUserId: bigint('telegram_user_id', { mode: 'number' }),
    telegramChatId: bigint('telegram_chat_id', { mode: 'number' }),
    /** 'blocked' after Telegram answers 403: delivery falls back to e-mail. */
    telegramStatus: text('telegram_status'),
    linkedAt: tstz('linked_at'),
    /**
     * The messenger a person linked in both hears notices in ('telegram' or 'max'); null: the
     * one linked last. Set by the settings screen (issue 19).
     */
    preferredMessenger: text('preferred_messenger'),
    active: boolean('active').notNull().default(true),
    /**
     * The pupil a `student` user is: exactly one, set with the role and only with it. A column, not
     * a link table: the tie is one-to-one for the user's whole life (a new pupil record would be a
     * new user), and the partial unique index keeps one student account per pupil.
     */
    studentId: integer('student_id').references((): AnyPgColumn => students.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('users_school_external').on(t.schoolId, t.externalId),
    uniqueIndex('users_student').on(t.studentId).where(sql`${t.studentId} IS NOT NULL`),
    check('users_student_role', sql`(${t.studentId} IS NOT NULL) = ('student' = ANY(${t.roles}))`),
    index('users_telegram').on(t.telegramUserId),
    index('users_school_roles').using('gin', t.roles),
    check(
      'users_roles_known',
      sql`${t.roles} <@ ARRAY[${sql.raw(USER_ROLES.map((r) => `'${r}'`).join(','))}]::text[] AND cardinality(${t.roles}) > 0`,
    ),
    check('users_locale', sql`${t.locale} IN ('ru','en')`),
    check('users_telegram_status', sql`${t.telegramStatus} IS NULL OR ${t.telegramStatus} IN ('active','blocked')`),
    check('users_preferred_messenger', sql`${t.preferredMessenger} IS NULL OR ${t.preferredMessenger} IN ('telegram','max')`),
  ],
);

export const students = pgTable(
  'students',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    birthDate: date('birth_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [unique('students_school_external').on(t.schoolId, t.externalId)],
);

export const guardianships = pgTable(
  'guardianships',
  {
    parentId: integer('parent_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    relation: text('relation'),
    /**
     * The child's first day away (withdrawal or graduation): the guardian's consent for this
     * child ended then (152-FZ: until graduation or expulsion), and nothing of the child is
     * shown or sent to them from the moment it is recorded. Null while the child studies here.
     */
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.parentId, t.studentId] }),
    index('guardianships_student').on(t.studentId),
    check('guardianships_end', sql`(${t.endedOn} IS NULL) = (${t.endReason} IS NULL)`),
  ],
);

/** Consent to personal-data processing (152-FZ); a withdrawal is a stamp, never a deletion. */
export const consents = pgTable(
  'consents',
  {
    id: id(),
    parentId: integer('parent_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    grantedAt: tstz('granted_at').notNull().defaultNow(),
    withdrawnAt: tstz('withdrawn_at'),
    recordedBy: integer('recorded_by').references(() => users.id),
    via: text('via').notNull(),
  },
  (t) => [index('consents_parent').on(t.parentId), uniqueIndex('consents_one_active').on(t.parentId).where(sql`${t.withdrawnAt} IS NULL`)],
);

export const invites = pgTable(
  'invites',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    usedByTelegramId: bigint('used_by_telegram_id', { mode: 'number' }),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invites_user').on(t.userId)],
);

/** Wrong activation codes per chat and Telegram account, for the lock-outs after too many guesses. */
export const codeAttempts = pgTable(
  'code_attempts',
  {
    id: id(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    /** Null for rows written before the per-account limit. */
    telegramUserId: bigint('telegram_user_id', { mode: 'number' }),
    /** Whose ids chat_id and telegram_user_id are: Telegram's or MAX's (their numbers may coincide). */
    messenger: text('messenger').notNull().default('telegram'),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    index('code_attempts_chat_at').on(t.chatId, t.at),
    index('code_attempts_user_at').on(t.telegramUserId, t.at),
    index('code_attempts_at').on(t.at),
  ],
);

/**
 * What a Telegram account chose before it was linked (the language, with /language): read in
 * the same query that identifies the account, and given to the users it links to.
 */
export const telegramAccounts = pgTable('telegram_accounts', {
  telegramUserId: bigint('telegram_user_id', { mode: 'number' }).primaryKey(),
  locale: text('locale').notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  /**
   * The user whose deactivation ended this account's link: while that user stays inactive and
   * the account links to no one else, the bot answers that the school closed the access.
   */
  closedUserId: integer('closed_user_id').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * What a MAX account chose before it was linked (its language), like `telegram_accounts`: read
 * in the query that identifies the MAX account and given to the users it links to.
 */
export const maxAccounts = pgTable('max_accounts', {
  maxUserId: bigint('max_user_id', { mode: 'number' }).primaryKey(),
  locale: text('locale').notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  /** The user whose deactivation ended this MAX account's link (the bot then says the school closed the access). */
  closedUserId: integer('closed_user_id').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * A person's MAX link (issue 19): MAX's user id and the bot's dialog with them. One row per
 * user; a MAX account may link several users, like a Telegram account. 'blocked' after MAX
 * answers that the dialog is closed: delivery falls back to the next channel.
 */
export const maxLinks = pgTable(
  'max_links',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    maxUserId: bigint('max_user_id', { mode: 'number' }).notNull(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('active'),
    linkedAt: tstz('linked_at').notNull(),
  },
  (t) => [index('max_links_max_user').on(t.maxUserId), check('max_links_status', sql`${t.status} IN ('active','blocked')`)],
);

import type { LocalDate } from '../shared/dates.js';
import type { Role } from '../shared/principal.js';

export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];

/** The messengers a person may be linked in (issue 19). */
export type Messenger = 'telegram' | 'max';
export const MESSENGERS: readonly Messenger[] = ['telegram', 'max'];

/** A user as access management sees them: identity and linking status, no journal data. */
export interface AccessUser {
  id: number;
  schoolId: number;
  roles: Role[];
  lastName: string;
  firstName: string;
  middleName: string | null;
  active: boolean;
  telegramLinked: boolean;
  /** Linked in MAX (a `max_links` row; a blocked link still counts, as Telegram's does). */
  maxLinked: boolean;
  linkedAt: Date | null;
  /** The pupil of a student user; null for everyone else. */
  studentId: number | null;
}

export interface UserListItem extends AccessUser {
  /** An unused, unrevoked, unexpired code exists. */
  pendingCode: boolean;
}

export interface InviteRecord {
  id: number;
  userId: number;
  schoolId: number;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  userActive: boolean;
  /** Set for a student user: linking then waits for the consent the student's age needs. */
  studentId: number | null;
}

/** A pupil codes are issued for, with who may hand them out. */
export interface StudentForCode {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** The class (kind 'class') the pupil is in today, if any. */
  className: string | null;
  /** Class teachers of the pupil's current classes. */
  classTeacherIds: number[];
}

/** One linked account of a Telegram user, with what the bot needs to act as them. */
export interface LinkedUser {
  userId: number;
  schoolId: number;
  schoolName: string;
  timezone: string;
  roles: Role[];
  locale: Locale;
  lastName: string;
  firstName: string;
  middleName: string | null;
}

/** Who a Telegram account is: its linked users, and the language it chose before linking (if it did). */
export interface ChatIdentity {
  users: LinkedUser[];
  locale: Locale | null;
  /** With no linked users: the school that ended this account's access by deactivating its user. */
  closedBy?: string | null;
}

/**
 * Who sent an activation code: the chat and the account, of Telegram unless `messenger` says
 * MAX (`telegramUserId` then holds MAX's user id; the name stays for the Telegram callers).
 */
export interface CodeGuesser {
  chatId: number;
  telegramUserId: number;
  messenger?: Messenger;
}

/**
 * What the bot asks the domain about who is writing, for one messenger: the ids are that
 * messenger's (for MAX: `telegramUserId` holds MAX's user id and `chatId` the bot's dialog with
 * them; the names stay those of the Telegram callers).
 */
export interface BotAccessPort {
  identifyChat(telegramUserId: number): Promise<ChatIdentity>;
  redeem(input: { code: string; telegramUserId: number; chatId: number }): Promise<RedeemResult>;
  setLocale(telegramUserId: number, locale: Locale): Promise<void>;
  logout(telegramUserId: number): Promise<{ unlinked: number }>;
}

/** The messengers a user is linked in, as the settings screen shows them. */
export interface MessengerChoice {
  linked: Messenger[];
  /** Chosen in settings; null: none chosen. */
  preferred: Messenger | null;
  /** The one notices go to first: the preferred one if linked in it, else the one linked last; null when linked in none. */
  effective: Messenger | null;
}

/** A user's messenger links as stored (a blocked link still counts as linked). */
export interface MessengerLinks {
  userId: number;
  schoolId: number;
  telegramLinked: boolean;
  telegramLinkedAt: Date | null;
  maxLinkedAt: Date | null;
  preferred: Messenger | null;
}

export interface AccessRepository {
  findUser(schoolId: number, userId: number): Promise<AccessUser | null>;
  listUsers(q: { schoolId: number; role?: Role; groupId?: number; onDate: LocalDate; now: Date }): Promise<UserListItem[]>;
  findGroup(schoolId: number, groupId: number): Promise<{ id: number; name: string; classTeacherId: number | null } | null>;
  /** Parents of students enrolled in the group on `onDate`. */
  parentsOfGroup(groupId: number, onDate: LocalDate): Promise<AccessUser[]>;
  /** Pupils of the school enrolled on `onDate`: of one group, or these ids (unknown ids are left out). */
  studentsForCodes(schoolId: number, which: { groupId: number } | { studentIds: number[] }, onDate: LocalDate): Promise<StudentForCode[]>;
  /** The student user of each pupil, created (role student, the pupil's names) where missing. */
  ensureStudentUsers(schoolId: number, students: StudentForCode[]): Promise<AccessUser[]>;
  /** Names of each parent's children ("Фамилия Имя"), for printed code lists. */
  childrenNames(parentIds: number[]): Promise<Map<number, string[]>>;
  revokeUnused(userIds: number[], at: Date): Promise<number>;
  insertInvites(rows: { userId: number; codeHash: string; expiresAt: Date }[]): Promise<void>;
  findInviteByHash(codeHash: string): Promise<InviteRecord | null>;
  /** Marks the invite used if it still is unused and unrevoked; false when another redeem won. */
  /** `telegramUserId`: the Telegram account that used it; null when it was used in MAX. */
  markUsed(inviteId: number, at: Date, telegramUserId: number | null): Promise<boolean>;
  linkTelegram(userId: number, link: { telegramUserId: number; chatId: number; at: Date }): Promise<void>;
  /** Links (or links again) the user's MAX account and dialog; the link becomes active. */
  linkMax(userId: number, link: { maxUserId: number; chatId: number; at: Date }): Promise<void>;
  /** Ends the Telegram link of these users; returns those that had one. */
  unlinkTelegram(userIds: number[]): Promise<{ id: number; schoolId: number }[]>;
  /** Ends the MAX link of these users; returns those that had one, with the MAX account it was. */
  unlinkMax(userIds: number[]): Promise<{ id: number; schoolId: number; maxUserId: number }[]>;
  /** The MAX account's dialog was opened («Начать») or stopped: its links become active or blocked; how many changed. */
  setMaxDialog(maxUserId: number, status: 'active' | 'blocked'): Promise<number>;
  /**
   * Times of wrong codes since `since`, oldest first: from the chat, from the Telegram account
   * (in any chat), and, of all chats, the `globalMax` latest (the oldest of them holds the global limit).
   */
  attemptsSince(who: CodeGuesser, since: Date, globalMax: number): Promise<{ chat: Date[]; user: Date[]; global: Date[] }>;
  recordAttempt(who: CodeGuesser, at: Date): Promise<void>;
  /** One query: the account's active users and its chosen language. */
  identify(telegramUserId: number): Promise<ChatIdentity>;
  /** The account's language: kept for the account and set on every user linked to it. */
  setLocale(telegramUserId: number, locale: Locale): Promise<void>;
  /** One query: the MAX account's active users and its chosen language (as `identify` for Telegram). */
  identifyMax(maxUserId: number): Promise<ChatIdentity>;
  /** The MAX account's language: kept for the account and set on every user linked to it. */
  setMaxLocale(maxUserId: number, locale: Locale): Promise<void>;
  /** The user's links in both messengers; null for an unknown or inactive user. */
  messengerLinks(userId: number): Promise<MessengerLinks | null>;
  setPreferredMessenger(userId: number, messenger: Messenger | null): Promise<void>;
}

export interface IssuedCode {
  userId: number;
  name: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  roles: Role[];
  /** Children's names for parents (printed next to the code), empty for staff. */
  students: string[];
  /** Who the slip is for: a parent, a student (then `studentId` and `className`), or staff. */
  kind: 'parent' | 'student' | 'staff';
  studentId: number | null;
  className: string | null;
  /** The plain code: shown now and never again (only its hash is stored). */
  code: string;
  expiresAt: Date;
  link: string | null;
  /** `https://max.ru/<bot>?start=<code>`; null while the MAX bot's username is not known. */
  maxLink: string | null;
}

export type RedeemResult = { userId: number; schoolId: number; users: LinkedUser[] };

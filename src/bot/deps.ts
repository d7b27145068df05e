import type { Logger } from 'pino';
import type { AccessService } from '../domain/access/access-service.js';
import type { KeyValueStore } from '../domain/shared/key-value-store.js';
import type { FamilyService } from '../domain/family/index.js';
import type { ClassJournalService } from '../domain/class-journal/index.js';
import type { LinkedUser, Locale } from '../domain/access/types.js';
import type { JournalService } from '../domain/journal/index.js';
import type { SchoolService } from '../domain/schools/school-service.js';
import type { ComplianceService } from '../domain/compliance/index.js';
import type { ReportsService } from '../domain/reports/index.js';
import type { CourseReportsService } from '../domain/reports/course/index.js';
import type { RosterService } from '../domain/roster/roster-service.js';
import type { ClassFlagService } from '../domain/class-daily/index.js';
import type { PlanUploadService } from '../domain/schedule/index.js';

/** The domain calls the bot makes: a narrow slice, so tests can stub them. */
export type BotAccess = Pick<AccessService, 'identifyChat' | 'redeem' | 'setLocale' | 'logout'>;

/** The preferred-messenger row of the settings and /messenger (a person linked in both Telegram and MAX). */
export type BotMessengers = Pick<AccessService, 'messengerChoice' | 'setPreferredMessenger'>;

/** What the parent and class-teacher screens call. */
export type BotFamily = Pick<
  FamilyService,
  | 'consentStatus'
  | 'grantConsent'
  | 'withdrawConsent'
  | 'storedData'
  | 'children'
  | 'hasFormerChildren'
  | 'childDay'
  | 'childWeek'
  | 'childTomorrow'
  | 'studentSelf'
  | 'childPeriod'
  | 'childPeriodSubject'
  | 'preferences'
  | 'updatePreferences'
  | 'explainAbsence'
  | 'myClasses'
  | 'classOverview'
>;

/** What the class teacher's «Мой класс» screens call, with the acting staff member. */
export type BotClassJournal = Pick<
  ClassJournalService,
  'classHeader' | 'classDay' | 'classAbsences' | 'classGrades' | 'classSheet' | 'classRisk'
>;

/**
 * Asked right after an account is linked (by /start with a code or a typed code): a message to
 * send next, such as the parent's consent text. It may read the database; its result is plain
 * data, so the code-entry conversation can keep it in its replay log.
 */
export type AfterLink = (linked: { users: LinkedUser[]; locale: Locale }) => Promise<FollowUp | null>;
export interface FollowUp {
  html: string;
  buttons: { text: string; data: string }[][];
}

/** What the teacher flows call: always with the teacher as the acting principal. */
export type BotJournal = Pick<
  JournalService,
  | 'lessonsForDay'
  | 'getLesson'
  | 'saveAttendance'
  | 'updateAttendance'
  | 'setTopic'
  | 'setHomework'
  | 'fillAsPlanned'
  | 'setWorkType'
  | 'addGrades'
  | 'removeGrade'
  | 'finalOptions'
  | 'finalSheet'
  | 'setTermGrades'
  | 'takeSuggestions'
>;
/** A subject teacher's flag to a student's class teacher, from the lesson card. */
export type BotClassFlags = Pick<ClassFlagService, 'target' | 'flag'>;
/** The school's policy (grade scale, final-grade months) for the teacher's own school. */
export type BotSchools = Pick<SchoolService, 'get'>;

/** What the deputy director's and director's screens call, with their own principal. */
export type BotCompliance = Pick<ComplianceService, 'summary' | 'nudge' | 'departmentsOf' | 'departmentReport'>;
export type BotReports = Pick<ReportsService, 'document'>;
/** The subject teacher's «Отчёты» over their own courses. */
export type BotCourseReports = Pick<CourseReportsService, 'myCourses' | 'sheetPeriods' | 'document'>;
/** The class picker of the report flow. */
export type BotRoster = Pick<RosterService, 'listGroups'>;

/** A teacher's КТП upload: courses, the file, the dry run, apply or cancel. */
export type BotPlanUpload = Pick<PlanUploadService, 'teacherCourses' | 'askForFile' | 'receiveFile' | 'dryRun' | 'apply' | 'cancel'>;

/** What createBot itself calls; the feature composers receive their own services from app.ts. */
export interface BotServices {
  access: BotAccess;
}

/** The messengers the bot's flows are carried by. */
export type Messenger = 'telegram' | 'max';

export interface BotDeps {
  token: string;
  /** Which messenger carries this bot: Telegram (default) or, through `carrier`, another. */
  messenger?: Messenger;
  /**
   * Another messenger's carrier (MAX, src/max/carrier): a grammY API transformer that takes every
   * Bot API call and answers it in the Bot API's shape. Installed instead of the Telegram client.
   */
  carrier?: import('grammy').Transformer;
  /** A local Bot API server or the emulator; null for api.telegram.org. */
  apiRoot?: string | null;
  /** The grammY workarounds of src/telegram (TELEGRAM_FAST_PATH); default on, false = stock grammY. */
  fastPath?: boolean;
  /** Known bot identity: skips getMe (offline tests). */
  botInfo?: import('grammy').Bot['botInfo'];
  services: BotServices;
  /** Conversation state; the app passes a PostgreSQL-backed store. */
  store: KeyValueStore;
  logger: Logger;
  /**
   * Webhook mode: an unexpected error (PostgreSQL or Redis down) is rethrown so the webhook
   * answers 500 and Telegram redelivers. Polling mode: the user is told to try again.
   */
  rethrowUnexpected?: boolean;
  afterLink?: AfterLink;
  /** The emulator answers getUpdates at once; wait a little between empty polls instead of spinning. */
  idlePollDelayMs?: number;
  /** Told of every update: its kind (message, command, callback, other), whether it failed, and how long it took (metrics). */
  observeUpdate?: (kind: UpdateKind, ok: boolean, seconds: number) => void;
}

export type UpdateKind = 'message' | 'command' | 'callback' | 'other';

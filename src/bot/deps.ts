import type { Logger } from 'pino';
import type { AccessService } from '../domain/access/access-service.js';
import type { KeyValueStore } from '../domain/shared/key-value-store.js';
import type { JournalService } from '../domain/journal/index.js';
import type { SchoolService } from '../domain/schools/school-service.js';

/** The domain calls the bot makes: a narrow slice, so tests can stub them. */
export type BotAccess = Pick<AccessService, 'identify' | 'redeem' | 'setLocale'>;

/** What the teacher flows call: always with the teacher as the acting principal. */
export type BotJournal = Pick<JournalService, 'lessonsForDay' | 'getLesson' | 'saveAttendance' | 'setTopic' | 'setHomework' | 'addGrades' | 'removeGrade'>;
/** The school's policy (grade scale, final-grade months) for the teacher's own school. */
export type BotSchools = Pick<SchoolService, 'get'>;

export interface BotServices {
  access: BotAccess;
  journal?: BotJournal;
  schools?: BotSchools;
}

export interface BotDeps {
  token: string;
  /** A local Bot API server or the emulator; null for api.telegram.org. */
  apiRoot?: string | null;
  /** Known bot identity: skips getMe (offline tests). */
  botInfo?: import('grammy').Bot['botInfo'];
  services: BotServices;
  /** Sessions and conversation state; the app passes a PostgreSQL-backed store. */
  store: KeyValueStore;
  logger: Logger;
  /**
   * Webhook mode: an unexpected error (PostgreSQL or Redis down) is rethrown so the webhook
   * answers 500 and Telegram redelivers. Polling mode: the user is told to try again.
   */
  rethrowUnexpected?: boolean;
  /** The emulator answers getUpdates at once; wait a little between empty polls instead of spinning. */
  idlePollDelayMs?: number;
}

import type { ConversationFlavor } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { Logger } from 'pino';
import type { LinkedUser, Locale } from '../domain/access/types.js';
import type { Translate } from '../i18n/index.js';
import type { Messenger } from './deps.js';

/** What the identification step adds to every update. */
export interface BotFlavor {
  /** Which messenger this update came through; the flows are the same, a few words (links) differ. */
  messenger: Messenger;
  /** The school users this Telegram account is linked to (empty: not linked yet). */
  users: LinkedUser[];
  /** The linked users' language, or the one chosen with /language before linking; Russian by default. */
  locale: Locale;
  /** School timezone for dates (the first linked user's school; Moscow when not linked). */
  timezone: string;
  /** No linked users, and a school deactivated the user this account was linked to: that school's name. */
  closedBy: string | null;
  t: Translate;
  log: Logger;
}

export type BotContext = ConversationFlavor<Context & BotFlavor>;

/** Inside a conversation: a fresh context with the i18n and identity captured on entry. */
export type ConversationContext = Context & Pick<BotFlavor, 'users' | 'locale' | 'timezone' | 't'>;

/** The shapes of MAX's Bot API that the stand-in speaks (as the SDK's types describe them). */

export interface MaxUser {
  user_id: number;
  name: string;
  first_name: string;
  last_name?: string;
  username: string | null;
  is_bot: boolean;
  last_activity_time: number;
}

export type StandInButton = { type: string; text: string; payload?: string; url?: string };

export interface StandInAttachment {
  type: string;
  payload?: { buttons?: StandInButton[][]; token?: string; [key: string]: unknown };
}

export interface StandInMessage {
  sender: MaxUser;
  recipient: { chat_id: number; chat_type: 'dialog'; user_id: number | null };
  timestamp: number;
  body: { mid: string; seq: number; text: string | null; attachments: StandInAttachment[] };
}

/** What the bot sent, as a simulated user reads it. */
export interface SentMessage {
  mid: string;
  chatId: number;
  text: string | null;
  format: string | null;
  /** Callback and link buttons of the inline keyboard, row by row. */
  buttons: StandInButton[][];
  attachments: StandInAttachment[];
  /** Each edit keeps the earlier text here, oldest first. */
  history: string[];
  deleted: boolean;
}

export interface StandInUpdate {
  update_type: string;
  timestamp: number;
  [key: string]: unknown;
}

/** One error to answer instead of the real result. */
export interface Fault {
  method?: string;
  /** The path without the query, e.g. `/messages`. */
  path?: string;
  chatId?: number;
  status: number;
  code: string;
  message: string;
  /** How many calls it answers; Infinity for a lasting state (a blocked chat). */
  times: number;
}

/** One call the bot made, for tests that check what reached the API and when it was refused. */
export interface CallRecord {
  method: string;
  path: string;
  status: number;
  /** Milliseconds since the stand-in started. */
  at: number;
}

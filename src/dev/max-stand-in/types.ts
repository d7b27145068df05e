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
  /** A file's name and size, as MAX shows them in a message. */
  filename?: string;
  size?: number;
}

export interface StandInMessage {
  sender: MaxUser;
  recipient: { chat_id: number; chat_type: 'dialog'; user_id: number | null };
  timestamp: number;
  body: { mid: string; seq: number; text: string | null; attachments: StandInAttachment[] };
}

/** An uploaded file as the stand-in keeps it. */
export interface UploadedFile {
  name: string;
  content: Buffer;
}

/** A file attached to a message the bot sent: its name, size and the bytes that arrived. */
export interface SentFile extends UploadedFile {
  size: number;
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
  /** The uploaded files attached (by token), in the order attached. */
  files: SentFile[];
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

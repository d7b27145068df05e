/** A file a notice carries: the full report as a PDF. */
export interface Attachment {
  fileName: string;
  content: Buffer;
  contentType: string;
}

/** A message ready for any channel: HTML for the messengers, subject and text for e-mail. */
export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  /** Inline keyboard rows (the messengers): label and callback data. */
  buttons?: { text: string; data: string }[][];
  /**
   * A file sent with the message: Telegram sends it as a document with the message as its
   * caption, e-mail attaches it. Every channel (a MAX one too) implements this one field.
   */
  document?: Attachment;
}

export type ChannelFailure =
  /** Slow down: the whole bot must pause for retryAfterMs. */
  | 'rate_limited'
  /** This recipient cannot be reached on this channel again (blocked, deactivated). */
  | 'unreachable'
  /** Try again later with backoff (5xx, network, timeouts). */
  | 'transient'
  /** Will never succeed as it is (a bad request). */
  | 'permanent';

export class ChannelError extends Error {
  constructor(
    readonly failure: ChannelFailure,
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

export interface TelegramChannel {
  readonly name: 'telegram';
  send(chatId: number, message: RenderedMessage): Promise<{ messageId: number }>;
  /** Rewrites a message sent earlier (several absences of one day become one message). */
  edit(chatId: number, messageId: number, message: RenderedMessage): Promise<void>;
}

export interface MaxChannel {
  readonly name: 'max';
  /** Sends to the bot's dialog with the person; MAX's message id is a string (`mid`). */
  send(chatId: number, message: RenderedMessage): Promise<{ messageId: string }>;
  edit(chatId: number, messageId: string, message: RenderedMessage): Promise<void>;
}

export interface EmailChannel {
  readonly name: 'email';
  send(to: string, message: RenderedMessage): Promise<void>;
}

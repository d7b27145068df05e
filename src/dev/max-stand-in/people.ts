import { StandInError } from './errors.js';
import { personOf, type Store } from './store.js';
import type { SentMessage, StandInButton, StandInUpdate } from './types.js';

/**
 * A person's action that their MAX client could not perform: pressing a button that is not on
 * the message. Refused with this status and code on the person's HTTP side (`/_person/...`).
 */
export const personRefusal = (message: string) => new StandInError(409, 'person.no_such_button', message);

export interface PeopleDeps {
  store: Store;
  /** Puts an update in the queue or posts it to the webhook. */
  deliver(update: StandInUpdate): Promise<void>;
  /** Makes every later send to the chat answer the error (blocked / removed). */
  failChat(kind: 'blocked' | 'removed', chatId: number): void;
  /** The person opened the dialog again: sends to the chat no longer answer "blocked". */
  reopenChat(chatId: number): void;
  /** Where a file a person sent is downloaded from (MAX hands the bot a URL of its own). */
  fileUrl(token: string): string;
}

/** The path of files people sent: public like MAX's file URLs (no bot token needed). */
export const FILES_PATH = '/files/';

/** Simulated people in dialogs with the bot: what they write and press, and what they were sent. */
export function createPeople({ store, deliver, failChat, reopenChat, fileUrl }: PeopleDeps) {
  let callbackSeq = 0;
  let messageSeq = 0;

  /** A bot message in this chat with a button of this type matching `test`, or the refusal. */
  function buttonOn(chatId: number, mid: string, type: string, test: (b: StandInButton) => boolean, what: string) {
    const m = store.messages.get(mid);
    if (!m || m.chatId !== chatId) throw personRefusal(`no message ${mid} in this chat`);
    if (m.deleted) throw personRefusal(`message ${mid} was deleted`);
    const button = m.buttons.flat().find((b) => b.type === type && test(b));
    if (!button) throw personRefusal(`message ${mid} has no ${type} button ${what}`);
    return button;
  }

  /** A person in a dialog with the bot (chat id `1_000_000 + userId` unless given). */
  return function user(userId: number, opts: { chatId?: number; name?: string } = {}) {
    const chatId = opts.chatId ?? store.chatOf(userId) ?? userId + 1_000_000;
    const person = personOf(userId, opts.name);
    store.openDialog(userId, chatId);
    const message = (text: string) => ({
      sender: person,
      recipient: { chat_id: chatId, chat_type: 'dialog', user_id: userId },
      timestamp: Date.now(),
      body: { mid: `mid.user.${userId}.${++messageSeq}`, seq: messageSeq, text, attachments: [] },
    });
    const say = (text: string) =>
      deliver({ update_type: 'message_created', timestamp: Date.now(), message: message(text), user_locale: 'ru' });
    const messages = (): SentMessage[] => [...store.messages.values()].filter((m) => m.chatId === chatId);
    return {
      userId,
      chatId,
      /** A text message (a `/start <code>` typed by hand is one too). */
      say,
      /** Sends a file (with an optional caption): the bot gets a `file` attachment with its URL, name and size. */
      sendFile: (fileName: string, content: Buffer, caption = '') => {
        const { token } = store.upload(`p${++messageSeq}`, { name: fileName, content });
        const m = message(caption);
        const file = { type: 'file', filename: fileName, size: content.length, payload: { url: fileUrl(token), token } };
        return deliver({
          update_type: 'message_created',
          timestamp: Date.now(),
          message: { ...m, body: { ...m.body, attachments: [file] } },
          user_locale: 'ru',
        });
      },
      /** The «Начать» button or a deep link `https://max.ru/<bot>?start=<payload>` (a stopped dialog opens again). */
      start: (payload?: string) => {
        reopenChat(chatId);
        return deliver({
          update_type: 'bot_started',
          timestamp: Date.now(),
          chat_id: chatId,
          user: person,
          payload: payload ?? null,
          user_locale: 'ru',
        });
      },
      /** The person stops the bot: the bot hears `bot_stopped`, and later sends answer 403 chat.denied. */
      stop: () => {
        failChat('blocked', chatId);
        return deliver({ update_type: 'bot_stopped', timestamp: Date.now(), chat_id: chatId, user: person, user_locale: 'ru' });
      },
      /**
       * Presses a callback button of a bot message; the message sits at the update's root (MAX's
       * shape). A payload that is not a callback button of that message is refused, as a client
       * cannot press what is not there; `forge` sends it anyway (a tampered or stale press).
       */
      press: async (mid: string, payload: string, opts: { forge?: boolean } = {}) => {
        if (!opts.forge) buttonOn(chatId, mid, 'callback', (b) => b.payload === payload, `with payload "${payload}"`);
        const callbackId = `cb.${++callbackSeq}`;
        store.press(callbackId, mid);
        await deliver({
          update_type: 'message_callback',
          timestamp: Date.now(),
          callback: { timestamp: Date.now(), callback_id: callbackId, payload, user: person },
          message: store.apiMessage(mid),
          user_locale: 'ru',
        });
        return callbackId;
      },
      /**
       * Taps a `message` button: MAX sends its text into the chat as the person's own message
       * (a plain `message_created`, nothing tells the bot a button was used). Refused when the
       * message has no such button.
       */
      tap: async (mid: string, text: string) => {
        buttonOn(chatId, mid, 'message', (b) => b.text === text, `"${text}"`);
        await say(text);
      },
      /** The person stops the bot: later sends to this chat answer 403 chat.denied. */
      block: () => failChat('blocked', chatId),
      /** The person deletes the dialog: later sends answer 404. */
      removeDialog: () => failChat('removed', chatId),
      /** What the bot sent to this chat, oldest first (deleted ones included, marked). */
      messages,
      last: (): SentMessage | undefined => messages().at(-1),
    };
  };
}

export type StandInPerson = ReturnType<ReturnType<typeof createPeople>>;

import type { Message as TgMessage, Update, User as TgUser } from 'grammy/types';
import { keyboardDigest, type MaxButton } from './markup.js';
import { messageNumberOf, type MessageMemory } from './message-ids.js';

/** The parts of MAX's updates the carrier reads (the SDK's types, narrowed to what is used). */
interface MaxUser {
  user_id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  name?: string;
  username?: string | null;
}
interface MaxAttachment {
  type: string;
  filename?: string;
  size?: number;
  payload?: { url?: string; token?: string; buttons?: MaxButton[][] } | null;
}
interface MaxMessage {
  sender?: MaxUser | null;
  recipient: { chat_id?: number | null; chat_type?: string; user_id?: number | null };
  timestamp: number;
  body: { mid: string; text: string | null; attachments?: MaxAttachment[] | null };
}
export interface MaxUpdate {
  update_type: string;
  timestamp: number;
  message?: MaxMessage | null;
  callback?: { callback_id: string; payload?: string; user: MaxUser };
  chat_id?: number;
  user?: MaxUser;
  payload?: string | null;
  user_locale?: string | null;
}

/** The update kinds the bot handles; the carrier asks MAX for these only (`bot_stopped` marks the dialog, it reaches no flow). */
export const MAX_UPDATE_TYPES = ['message_created', 'message_callback', 'bot_started', 'bot_stopped'] as const;

function fromOf(user: MaxUser, locale: string | null | undefined): TgUser {
  return {
    id: user.user_id,
    is_bot: false,
    first_name: user.first_name ?? user.name ?? '',
    ...(user.last_name ? { last_name: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
    ...(locale ? { language_code: locale.slice(0, 2) } : {}),
  };
}

/** A text as Telegram would deliver it: a leading command gets its entity, which grammY's `command()` matches on. */
function textFields(text: string): Pick<TgMessage, 'text' | 'entities'> {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return command ? { text, entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : { text };
}

function documentOf(attachments: MaxAttachment[] | null | undefined): TgMessage['document'] | undefined {
  const file = attachments?.find((a) => a.type === 'file' && a.payload?.url);
  if (!file?.payload?.url) return undefined;
  // The file's address stands for its id: getFile hands it back as the path to download.
  return {
    file_id: file.payload.url,
    file_unique_id: file.payload.token ?? file.payload.url,
    file_name: file.filename,
    file_size: file.size,
  };
}

function buttonsOf(attachments: MaxAttachment[] | null | undefined): MaxButton[][] {
  return attachments?.find((a) => a.type === 'inline_keyboard')?.payload?.buttons ?? [];
}

/**
 * A MAX update as the Telegram update the bot's flows understand, or null for what the bot
 * does not handle (group chats, edits, the bot stopped). `updateId` numbers them for the logs.
 * The message of a callback sits at MAX's update root; its mid is noted, so an edit of it
 * made while handling this update finds it.
 */
export function telegramUpdateOf(update: MaxUpdate, updateId: number, memory: MessageMemory): Update | null {
  const locale = update.user_locale;
  switch (update.update_type) {
    case 'message_created': {
      const m = update.message;
      const chatId = m?.recipient.chat_id;
      // Dialogs with people only: group chats and bots' own messages reach no flow.
      if (!m?.sender || chatId == null || m.recipient.chat_type !== 'dialog' || m.sender.user_id === undefined || m.sender.is_bot)
        return null;
      const from = fromOf(m.sender, locale);
      const document = documentOf(m.body.attachments);
      // A photo or sticker alone comes as a message with neither (as Telegram's would, to the flows): the fallback answers it.
      const text = m.body.text ?? '';
      const base = {
        message_id: messageNumberOf(m.body.mid),
        date: Math.floor(m.timestamp / 1000),
        chat: { id: chatId, type: 'private' as const, first_name: from.first_name },
        from,
      };
      const message = (
        document ? { ...base, document, ...(text ? { caption: text } : {}) } : text ? { ...base, ...textFields(text) } : base
      ) as TgMessage;
      return { update_id: updateId, message } as Update;
    }
    case 'bot_started': {
      if (!update.user || update.chat_id == null) return null;
      const from = fromOf(update.user, locale);
      // «Начать» or a deep link `max.ru/<bot>?start=<payload>`: the same as Telegram's `/start <payload>`.
      const text = update.payload ? `/start ${update.payload}` : '/start';
      const message = {
        message_id: updateId,
        date: Math.floor(update.timestamp / 1000),
        chat: { id: update.chat_id, type: 'private', first_name: from.first_name },
        from,
        ...textFields(text),
      };
      return { update_id: updateId, message } as Update;
    }
    case 'message_callback': {
      const cb = update.callback;
      if (!cb) return null;
      const m = update.message;
      const chatId = m?.recipient.chat_id ?? null;
      const from = fromOf(cb.user, locale);
      let message: TgMessage | undefined;
      if (m && chatId != null) {
        const n = messageNumberOf(m.body.mid);
        memory.note(n, {
          mid: m.body.mid,
          chatId,
          text: m.body.text ?? '',
          format: 'html',
          keyboard: keyboardDigest(buttonsOf(m.body.attachments)),
        });
        message = {
          message_id: n,
          date: Math.floor(m.timestamp / 1000),
          chat: { id: chatId, type: 'private', first_name: from.first_name },
          text: m.body.text ?? '',
        } as TgMessage;
      }
      return {
        update_id: updateId,
        callback_query: {
          id: cb.callback_id,
          from,
          chat_instance: String(chatId ?? cb.user.user_id),
          data: cb.payload ?? '',
          ...(message ? { message } : {}),
        },
      } as Update;
    }
    default:
      return null;
  }
}

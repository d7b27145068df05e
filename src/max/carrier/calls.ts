import type { Transformer } from 'grammy';
import { type MaxApi, maxFailureOf } from '../index.js';
import { sendMaxMessageWithFile } from '../upload.js';
import { keyboardAttachments, keyboardDigest, maxKeyboardOf, maxTextOf } from './markup.js';
import { messageNumberOf, type MessageMemory, type SentMessageRecord } from './message-ids.js';

/**
 * How an edit that changes the buttons reaches MAX. MAX has been seen to change an edited
 * message's text but keep its old buttons (reported December 2025); `resend` then deletes the
 * message and sends it again with the new buttons, `edit` trusts the edit.
 */
export type MaxEditButtons = 'edit' | 'resend';

export interface MaxCallsDeps {
  api: MaxApi;
  memory: MessageMemory;
  editButtons: MaxEditButtons;
  /** How long to wait before the one retry after MAX's 429 (tests shorten it). */
  rateLimitPauseMs?: number;
  /** Told of calls that failed where Telegram's flow cannot care (a callback answer). */
  warn?: (obj: object, msg: string) => void;
}

type Payload = Record<string, unknown>;
const RATE_LIMIT_PAUSE_MS = 1000;
const FILE_NOT_READY_DELAYS_MS = [500, 1000, 2000];
type Result = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

const ok = (result: unknown): Result => ({ ok: true, result });
const refused = (error_code: number, description: string): Result => ({ ok: false, error_code, description });

/** MAX's refusals as the Bot API answers the same cases, so the flows' error handling serves both. */
function telegramErrorOf(err: unknown): Result {
  const text = err instanceof Error ? err.message : String(err);
  switch (maxFailureOf(err)) {
    case 'rate_limited':
      return { ok: false, error_code: 429, description: `Too Many Requests: ${text}`, parameters: { retry_after: 1 } };
    case 'unreachable':
      return refused(403, `Forbidden: bot was blocked by the user (${text})`);
    case 'permanent':
      return refused(400, `Bad Request: ${text}`);
    default:
      // 5xx, network, not ready: unexpected for the flow, as an unreachable Telegram is.
      throw err;
  }
}

async function bytesOf(file: unknown): Promise<{ content: Uint8Array; fileName: string }> {
  const input = file as { toRaw(): Promise<Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>>; filename?: string };
  const raw = await input.toRaw();
  if (raw instanceof Uint8Array) return { content: raw, fileName: input.filename ?? 'file' };
  const parts: Uint8Array[] = [];
  for await (const part of raw as AsyncIterable<Uint8Array>) parts.push(part);
  return { content: Buffer.concat(parts), fileName: input.filename ?? 'file' };
}

/**
 * The Bot API calls the bot's flows make, carried to MAX: a grammY API transformer that never
 * calls Telegram. Each answer has the shape the Bot API would give, so the flows (written once,
 * for both messengers) read them as they read Telegram's.
 */
export function maxCallTransformer(deps: MaxCallsDeps): Transformer {
  const { api, memory } = deps;

  const messageResult = (n: number, record: SentMessageRecord) => ({
    message_id: n,
    date: Math.floor(Date.now() / 1000),
    chat: { id: record.chatId, type: 'private' },
    text: record.text,
  });

  async function send(chatId: number, text: string, html: boolean, markup: unknown): Promise<{ n: number; record: SentMessageRecord }> {
    const body = maxTextOf(text, html);
    const buttons = maxKeyboardOf(markup);
    const { message } = await api.raw.messages.send({ chat_id: chatId, ...body, attachments: keyboardAttachments(buttons) });
    const record: SentMessageRecord = {
      mid: message.body.mid,
      chatId,
      text: body.text,
      format: body.format,
      keyboard: keyboardDigest(buttons),
    };
    const n = messageNumberOf(record.mid);
    memory.remember(n, record);
    return { n, record };
  }

  async function edit(p: Payload, text: string | null, html: boolean | null): Promise<Result> {
    const n = Number(p.message_id);
    const old = await memory.recall(n);
    if (!old) return refused(400, 'Bad Request: message to edit not found');
    const body = text === null ? { text: old.text, format: old.format } : maxTextOf(text, html ?? false);
    const buttons = maxKeyboardOf(p.reply_markup);
    const keyboard = keyboardDigest(buttons);
    if (body.text === old.text && body.format === old.format && keyboard === old.keyboard)
      return refused(400, 'Bad Request: message is not modified');
    if (keyboard !== old.keyboard && deps.editButtons === 'resend') {
      // Sent again where the person is reading; the old number keeps pointing at it, so the flow that knows it goes on.
      await api.raw.messages.delete({ message_id: old.mid }).catch(() => {});
      const again = await send(old.chatId, body.text, body.format === 'html', p.reply_markup);
      memory.remember(n, again.record);
      return ok(messageResult(n, again.record));
    }
    await api.raw.messages.edit({ message_id: old.mid, ...body, attachments: keyboardAttachments(buttons) });
    const record = { ...old, ...body, keyboard };
    memory.remember(n, record);
    return ok(messageResult(n, record));
  }

  const methods: Record<string, (p: Payload) => Promise<Result>> = {
    async getMe() {
      const me = await api.getMyInfo();
      return ok({
        id: me.user_id,
        is_bot: true,
        first_name: me.first_name ?? me.name,
        username: me.username ?? '',
        can_join_groups: false,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      });
    },
    async sendMessage(p) {
      const { n, record } = await send(Number(p.chat_id), String(p.text ?? ''), p.parse_mode === 'HTML', p.reply_markup);
      return ok(messageResult(n, record));
    },
    editMessageText: (p) => edit(p, String(p.text ?? ''), p.parse_mode === 'HTML'),
    editMessageReplyMarkup: (p) => edit(p, null, null),
    async answerCallbackQuery(p) {
      // MAX shows the text as a short notification. A failed answer costs the person nothing
      // they need (the flow's own message follows), so it never fails the flow.
      const body = typeof p.text === 'string' && p.text ? { notification: p.text } : {};
      await api.raw.messages
        .answerOnCallback({ callback_id: String(p.callback_query_id), ...body } as never)
        .catch((err: unknown) => deps.warn?.({ err: err instanceof Error ? err.message : String(err) }, 'MAX callback answer failed'));
      return ok(true);
    },
    async sendDocument(p) {
      const chatId = Number(p.chat_id);
      const caption = maxTextOf(String(p.caption ?? ''), p.parse_mode === 'HTML');
      const buttons = maxKeyboardOf(p.reply_markup);
      const file = await bytesOf(p.document);
      // A person waits for this file: shorter waits for "not ready" than the delivery worker's.
      const mid = await sendMaxMessageWithFile(api, { chatId }, { ...caption, attachments: keyboardAttachments(buttons) }, file, {
        retryDelaysMs: FILE_NOT_READY_DELAYS_MS,
      });
      const record: SentMessageRecord = { mid, chatId, text: caption.text, format: caption.format, keyboard: keyboardDigest(buttons) };
      const n = messageNumberOf(mid);
      memory.remember(n, record);
      return ok({ ...messageResult(n, record), document: { file_id: mid, file_unique_id: mid, file_name: file.fileName } });
    },
    async deleteMessage(p) {
      const old = await memory.recall(Number(p.message_id));
      if (!old) return refused(400, 'Bad Request: message to delete not found');
      await api.raw.messages.delete({ message_id: old.mid });
      return ok(true);
    },
    // A file the person sent: its id is its address (see updates.ts), which is also where to download it.
    getFile: async (p) => ok({ file_id: p.file_id, file_unique_id: p.file_id, file_path: p.file_id }),
    async setMyCommands(p) {
      const commands = (p.commands as { command: string; description: string }[]).map((c) => ({
        name: c.command,
        description: c.description,
      }));
      // MAX keeps one command list; the Russian (default) one is it.
      if (!p.language_code) await api.setMyCommands(commands);
      return ok(true);
    },
    sendChatAction: async () => ok(true),
  };

  return (async (_prev, method, payload) => {
    const call = methods[method];
    if (!call) return refused(400, `Bad Request: ${method} is not carried to MAX`);
    try {
      return await call(payload as Payload);
    } catch (err) {
      if (maxFailureOf(err) !== 'rate_limited') return telegramErrorOf(err);
      // MAX gives no retry-after; its window is a second. A person waiting on a screen is worth one more try.
      await new Promise((r) => setTimeout(r, deps.rateLimitPauseMs ?? RATE_LIMIT_PAUSE_MS));
      try {
        return await call(payload as Payload);
      } catch (again) {
        return telegramErrorOf(again);
      }
    }
  }) as Transformer;
}

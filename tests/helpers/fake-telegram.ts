import { Api, InputFile } from 'grammy';

export interface SentCall {
  method: string;
  chatId: number;
  text: string;
  messageId?: number;
  /** sendDocument: the file as sent (its caption is `text`). */
  document?: { fileName: string; content: Buffer };
  /** The inline keyboard sent with the message, when there was one. */
  replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

type TelegramFailure = { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };
/** A Telegram error for the call, `'hang'` for a call that never returns (a process dying mid-send), or null to succeed. */
type Responder = (method: string, payload: Record<string, unknown>) => TelegramFailure | 'hang' | null;

/**
 * A grammY Api whose transport never leaves the process: for the error paths the Bot API
 * emulator cannot produce (429, 403, 5xx). `respond` may return a Telegram error for a call.
 */
export function fakeTelegramApi(respond: Responder = () => null) {
  const calls: SentCall[] = [];
  let nextId = 1000;
  const api = new Api('123456:TEST-TOKEN-FOR-FAKE-TRANSPORT-000');
  api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    const failure = respond(method, p);
    if (failure === 'hang') return new Promise<never>(() => {});
    if (failure) return failure as never;
    const messageId = method === 'sendMessage' || method === 'sendDocument' ? ++nextId : Number(p.message_id);
    const file = p.document instanceof InputFile ? p.document : null;
    calls.push({
      method,
      chatId: Number(p.chat_id),
      text: String(p.text ?? p.caption ?? ''),
      document: file ? { fileName: file.filename ?? '', content: Buffer.from((await file.toRaw()) as Uint8Array) } : undefined,
      messageId,
      replyMarkup: p.reply_markup as SentCall['replyMarkup'],
    });
    return { ok: true, result: { message_id: messageId, date: 0, chat: { id: Number(p.chat_id), type: 'private' } } } as never;
  });
  return { api, calls };
}
